import type { Topology } from '../../../../../src-main/services/azure-model/topology-types';

const sub = '/subscriptions/11111111-1111-4111-8111-111111111111';
/** Ids used by the hand-built topologies. */
export const ids = {
  cluster: `${sub}/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod`,
  hub: `${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
  spoke: `${sub}/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke`,
  jump: `${sub}/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump`,
  node: `${sub}/resourceGroups/MC_rg-spoke_aks-prod_japaneast/providers/Microsoft.Compute/virtualMachines/aks-node0`,
  bastion: `${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub`,
  zone: `${sub}/resourceGroups/MC_rg-spoke_aks-prod_japaneast/providers/Microsoft.Network/privateDnsZones/privatelink.japaneast.azmk8s.io`,
  vpn: `${sub}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworkGateways/vgw-hub`,
};

/** A healthy private hub-spoke topology with Bastion; tests tweak copies of it. */
export function privateTopology(): Topology {
  return {
    clusterId: ids.cluster,
    asOf: '2026-11-29T09:00:00.000Z',
    cluster: {
      id: ids.cluster, name: 'aks-prod', subscriptionId: '11111111-1111-4111-8111-111111111111', subscriptionName: 'Platform', resourceGroup: 'rg-spoke', location: 'japaneast',
      isPrivate: true, publicFqdnEnabled: false, fqdn: null, privateFqdn: 'aks-prod-1.privatelink.japaneast.azmk8s.io', privateDnsMode: 'system', privateDnsZoneId: null,
      authorizedIpRanges: [], vnetIntegration: false, apiServerSubnetId: null, runCommandDisabled: false, publicNetworkAccess: 'Enabled',
      nodeResourceGroup: 'MC_rg-spoke_aks-prod_japaneast', nodeSubnetIds: [`${ids.spoke}/subnets/snet-aks`], badges: ['private'],
    },
    clusterVnet: { id: ids.spoke, name: 'vnet-spoke', addressPrefixes: ['10.1.0.0/16'] },
    relatedVnets: [
      { id: ids.spoke, name: 'vnet-spoke', addressPrefixes: ['10.1.0.0/16'], role: 'cluster' },
      { id: ids.hub, name: 'vnet-hub', addressPrefixes: ['10.0.0.0/16'], role: 'peered' },
    ],
    peerings: [
      { localVnetId: ids.hub, localVnetName: 'vnet-hub', remoteVnetId: ids.spoke, remoteVnetName: 'vnet-spoke', name: 'hub-to-spoke', state: 'Connected', syncLevel: 'FullyInSync', allowGatewayTransit: false, useRemoteGateways: false, allowForwardedTraffic: true, reverse: { name: 'spoke-to-hub', state: 'Connected', syncLevel: 'FullyInSync' } },
      { localVnetId: ids.spoke, localVnetName: 'vnet-spoke', remoteVnetId: ids.hub, remoteVnetName: 'vnet-hub', name: 'spoke-to-hub', state: 'Connected', syncLevel: 'FullyInSync', allowGatewayTransit: false, useRemoteGateways: false, allowForwardedTraffic: true, reverse: { name: 'hub-to-spoke', state: 'Connected', syncLevel: 'FullyInSync' } },
    ],
    dns: {
      mode: 'system', zoneId: ids.zone, zoneName: 'privatelink.japaneast.azmk8s.io',
      links: [
        { vnetId: ids.spoke, name: 'link-spoke', state: 'Completed', registrationEnabled: false },
        { vnetId: ids.hub, name: 'link-hub', state: 'Completed', registrationEnabled: false },
      ],
      aRecord: { name: 'aks-prod-1', ips: ['10.1.0.4'] }, privateEndpointIp: '10.1.0.4',
    },
    jumpBoxes: [
      { id: ids.jump, name: 'vm-jump', vnetId: ids.hub, subnetId: `${ids.hub}/subnets/snet-jump`, privateIp: '10.0.2.4', publicIp: null, powerState: 'running', availability: 'availability-set', nicNsgId: null, subnetNsgId: null, isAksNode: false, osType: 'Linux', location: 'japaneast' },
      { id: ids.node, name: 'aks-node0', vnetId: ids.spoke, subnetId: `${ids.spoke}/subnets/snet-aks`, privateIp: '10.1.0.10', publicIp: null, powerState: 'running', availability: 'none', nicNsgId: null, subnetNsgId: null, isAksNode: true, osType: 'Linux', location: 'japaneast' },
    ],
    bastions: [{ id: ids.bastion, name: 'bas-hub', sku: 'Standard', enableTunneling: true, enableIpConnect: false, vnetId: ids.hub, dnsName: 'bst.bastion.azure.com', provisioningState: 'Succeeded' }],
    gateways: [],
    circuits: [],
    jitPolicies: [],
    warnings: [],
  };
}

/** A public cluster with the given authorized ranges. */
export function publicTopology(ranges: string[] = []): Topology {
  const t = privateTopology();
  return {
    ...t,
    cluster: { ...t.cluster, isPrivate: false, publicFqdnEnabled: true, fqdn: 'aks-prod.hcp.japaneast.azmk8s.io', privateFqdn: null, privateDnsMode: 'not-private', authorizedIpRanges: ranges, badges: ['public'] },
    clusterVnet: null, relatedVnets: [], peerings: [], jumpBoxes: [], bastions: [],
    dns: { mode: 'not-private', zoneId: null, zoneName: null, links: [], aRecord: null, privateEndpointIp: null },
  };
}
