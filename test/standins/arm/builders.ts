import { fixtureBody, merge, rehome } from './fixtures';
import type { World } from './world';

type Json = Record<string, unknown>;

/** Where a builder puts a resource. */
export interface Place {
  readonly sub: string;
  readonly rg: string;
  readonly location: string;
}

const net = (p: Place) => `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.Network`;

function from(fixture: string, p: Place, id: string, name: string, patch: Json): Json {
  const body = rehome(fixtureBody(fixture), p.sub, p.rg);
  return merge({ ...body, id, name, location: p.location }, patch);
}

/** A subnet inside a VNet. */
export interface SubnetSpec {
  readonly name: string;
  readonly prefix: string;
  readonly nsgId?: string;
}

/** A VNet from `VirtualNetworkGet` with the given address space and subnets. */
export function vnet(w: World, p: Place, name: string, prefixes: string[], subnets: SubnetSpec[]): Json {
  const id = `${net(p)}/virtualNetworks/${name}`;
  return w.put(
    from('network/VirtualNetworkGet', p, id, name, {
      properties: {
        addressSpace: { addressPrefixes: prefixes },
        defaultPublicNatGateway: undefined,
        provisioningState: 'Succeeded',
        subnets: subnets.map((s) => ({
          name: s.name,
          id: `${id}/subnets/${s.name}`,
          properties: { addressPrefix: s.prefix, provisioningState: 'Succeeded', ...(s.nsgId ? { networkSecurityGroup: { id: s.nsgId } } : {}) },
        })),
        virtualNetworkPeerings: [],
      },
    }),
  );
}

/** Peering options; defaults are a healthy, connected peering. */
export interface PeeringSpec {
  readonly state?: string;
  readonly syncLevel?: string;
  readonly allowGatewayTransit?: boolean;
  readonly useRemoteGateways?: boolean;
}

/** One side of a peering, from `VirtualNetworkPeeringGet`. */
export function peering(w: World, local: Json, remote: Json, name: string, spec: PeeringSpec = {}): Json {
  const remoteSpace = (remote.properties as Json).addressSpace as Json;
  return w.put(
    merge(rehome(fixtureBody('network/VirtualNetworkPeeringGet'), 'x', 'x'), {
      id: `${String(local.id)}/virtualNetworkPeerings/${name}`,
      name,
      properties: {
        allowForwardedTraffic: true,
        allowGatewayTransit: spec.allowGatewayTransit ?? false,
        useRemoteGateways: spec.useRemoteGateways ?? false,
        allowVirtualNetworkAccess: true,
        peeringState: spec.state ?? 'Connected',
        peeringSyncLevel: spec.syncLevel ?? 'FullyInSync',
        remoteVirtualNetwork: { id: remote.id },
        remoteAddressSpace: remoteSpace,
        remoteVirtualNetworkAddressSpace: remoteSpace,
      },
    }),
  );
}

/** An NSG rule as the builder takes it. */
export interface RuleSpec {
  readonly name: string;
  readonly priority: number;
  readonly access: 'Allow' | 'Deny';
  readonly direction?: 'Inbound' | 'Outbound';
  readonly protocol?: string;
  readonly source?: string;
  readonly sources?: string[];
  readonly port?: string;
  readonly ports?: string[];
}

/** An NSG from `NetworkSecurityGroupGet`: the example's default rules kept, custom rules replaced. */
export function nsg(w: World, p: Place, name: string, rules: RuleSpec[]): Json {
  const id = `${net(p)}/networkSecurityGroups/${name}`;
  const base = from('network/NetworkSecurityGroupGet', p, id, name, {});
  const defaults = ((base.properties as Json).defaultSecurityRules as Json[]).map((r) => ({
    ...r,
    id: `${id}/defaultSecurityRules/${String(r.name)}`,
  }));
  return w.put(
    merge(base, {
      properties: {
        defaultSecurityRules: defaults,
        securityRules: rules.map((r) => ({
          name: r.name,
          id: `${id}/securityRules/${r.name}`,
          properties: {
            access: r.access,
            direction: r.direction ?? 'Inbound',
            priority: r.priority,
            protocol: r.protocol ?? 'Tcp',
            sourcePortRange: '*',
            destinationAddressPrefix: '*',
            ...(r.sources ? { sourceAddressPrefixes: r.sources } : { sourceAddressPrefix: r.source ?? '*' }),
            ...(r.ports ? { destinationPortRanges: r.ports } : { destinationPortRange: r.port ?? '*' }),
            provisioningState: 'Succeeded',
          },
        })),
      },
    }),
  );
}

/** A public IP from `PublicIpAddressGet`. */
export function publicIp(w: World, p: Place, name: string, address: string, ipConfigurationId: string): Json {
  const id = `${net(p)}/publicIPAddresses/${name}`;
  return w.put(
    from('network/PublicIpAddressGet', p, id, name, {
      properties: { ipAddress: address, ipConfiguration: { id: ipConfigurationId }, publicIPAllocationMethod: 'Static', ddosSettings: undefined },
    }),
  );
}

/** VM options for the jump-box builder. */
export interface VmSpec {
  readonly subnetId: string;
  readonly privateIp: string;
  readonly nicNsgId?: string;
  readonly publicIp?: string;
  readonly availability?: 'availability-set' | 'none';
  readonly powerState?: string;
  readonly sshPublicKeys?: string[];
  readonly adminUsername?: string;
}

/**
 * A Linux jump box: VM from `VirtualMachine_Get`, its instance view from
 * `VirtualMachine_Get_InstanceView`, and a NIC in the spec's NetworkInterface shape (the example
 * set has no NIC GET).
 */
export function vm(w: World, p: Place, name: string, spec: VmSpec): { vm: Json; nic: Json } {
  const vmId = `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.Compute/virtualMachines/${name}`;
  const nicId = `${net(p)}/networkInterfaces/${name}-nic`;
  const ipConfigId = `${nicId}/ipConfigurations/ipconfig1`;
  const pip = spec.publicIp ? publicIp(w, p, `${name}-pip`, spec.publicIp, ipConfigId) : null;
  const nic = w.put({
    id: nicId,
    name: `${name}-nic`,
    type: 'Microsoft.Network/networkInterfaces',
    location: p.location,
    properties: {
      provisioningState: 'Succeeded',
      ipConfigurations: [
        {
          id: ipConfigId,
          name: 'ipconfig1',
          properties: {
            primary: true,
            privateIPAddress: spec.privateIp,
            privateIPAllocationMethod: 'Static',
            subnet: { id: spec.subnetId },
            ...(pip ? { publicIPAddress: { id: pip.id } } : {}),
          },
        },
      ],
      ...(spec.nicNsgId ? { networkSecurityGroup: { id: spec.nicNsgId } } : {}),
      virtualMachine: { id: vmId },
    },
  });
  const keys = spec.sshPublicKeys ?? [];
  const user = spec.adminUsername ?? 'azureuser';
  const machine = w.put(
    from('compute/VirtualMachine_Get', p, vmId, name, {
      properties: {
        availabilitySet:
          spec.availability === 'none' ? undefined : { id: `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.Compute/availabilitySets/avset-${name}` },
        proximityPlacementGroup: undefined,
        osProfile: {
          computerName: name,
          adminUsername: user,
          windowsConfiguration: undefined,
          linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: keys.map((keyData) => ({ path: `/home/${user}/.ssh/authorized_keys`, keyData })) } },
          secrets: [],
        },
        storageProfile: { osDisk: { osType: 'Linux', name: `${name}-os`, createOption: 'FromImage' } },
        networkProfile: { networkInterfaces: [{ id: nicId, properties: { primary: true } }] },
        provisioningState: 'Succeeded',
      },
    }),
  );
  const view = fixtureBody<Json>('compute/VirtualMachine_Get_InstanceView');
  view.computerName = name;
  view.osName = 'ubuntu';
  view.statuses = [
    { code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded' },
    { code: `PowerState/${spec.powerState ?? 'running'}`, level: 'Info', displayStatus: `VM ${spec.powerState ?? 'running'}` },
  ];
  w.instanceViews.set(vmId.toLowerCase(), view);
  return { vm: machine, nic };
}

/** Bastion options. */
export interface BastionSpec {
  readonly sku?: string;
  readonly enableTunneling?: boolean;
  readonly enableIpConnect?: boolean;
}

/** A Bastion host from `BastionHostGet` in the VNet's AzureBastionSubnet. */
export function bastion(w: World, p: Place, name: string, vnetId: string, spec: BastionSpec = {}): Json {
  const id = `${net(p)}/bastionHosts/${name}`;
  const base = from('network/BastionHostGet', p, id, name, {});
  const ipConfigs = ((base.properties as Json).ipConfigurations as Json[]).map((c) =>
    merge(c, {
      id: `${id}/bastionHostIpConfigurations/${String(c.name)}`,
      properties: { subnet: { id: `${vnetId}/subnets/AzureBastionSubnet` }, publicIPAddress: { id: `${net(p)}/publicIPAddresses/${name}-pip` } },
    }),
  );
  return w.put(
    merge(base, {
      sku: { name: spec.sku ?? 'Standard' },
      properties: {
        enableTunneling: spec.enableTunneling ?? true,
        enableIpConnect: spec.enableIpConnect ?? false,
        dnsName: `bst-${name}.bastion.azure.com`,
        ipConfigurations: ipConfigs,
      },
    }),
  );
}

/** A virtual network gateway from `VirtualNetworkGatewayGet` in the VNet's GatewaySubnet. */
export function gateway(w: World, p: Place, name: string, vnetId: string, gatewayType: 'Vpn' | 'ExpressRoute', provisioningState = 'Succeeded'): Json {
  const id = `${net(p)}/virtualNetworkGateways/${name}`;
  const base = from('network/VirtualNetworkGatewayGet', p, id, name, {});
  const ipConfigs = ((base.properties as Json).ipConfigurations as Json[]).map((c) =>
    merge(c, { id: `${id}/ipConfigurations/${String(c.name)}`, properties: { subnet: { id: `${vnetId}/subnets/GatewaySubnet` } } }),
  );
  return w.put(
    merge(base, {
      properties: {
        gatewayType,
        ...(gatewayType === 'ExpressRoute' ? { vpnType: undefined, sku: { name: 'Standard', tier: 'Standard' }, vpnClientConfiguration: undefined } : {}),
        ipConfigurations: ipConfigs,
        provisioningState,
      },
    }),
  );
}

/** An ExpressRoute circuit from `ExpressRouteCircuitGet`. */
export function circuit(w: World, p: Place, name: string, serviceProviderProvisioningState: string): Json {
  const id = `${net(p)}/expressRouteCircuits/${name}`;
  return w.put(from('network/ExpressRouteCircuitGet', p, id, name, { properties: { serviceProviderProvisioningState } }));
}

/** A private DNS zone from `PrivateZoneGet` (location stays `global`). */
export function privateZone(w: World, p: Place, zoneName: string): Json {
  const id = `${net(p)}/privateDnsZones/${zoneName}`;
  return w.put(merge(from('privatedns/PrivateZoneGet', p, id, zoneName, {}), { location: 'global' }));
}

/** A VNet link from `VirtualNetworkLinkGet`. */
export function zoneLink(w: World, zone: Json, name: string, vnetId: string, state = 'Completed'): Json {
  return w.put(
    merge(fixtureBody('privatedns/VirtualNetworkLinkGet'), {
      id: `${String(zone.id)}/virtualNetworkLinks/${name}`,
      name,
      properties: { virtualNetwork: { id: vnetId }, registrationEnabled: false, virtualNetworkLinkState: state, provisioningState: 'Succeeded' },
    }),
  );
}

/** An A record set from `RecordSetAGet`. */
export function aRecord(w: World, zone: Json, relativeName: string, ip: string): Json {
  return w.put(
    merge(fixtureBody('privatedns/RecordSetAGet'), {
      id: `${String(zone.id)}/A/${relativeName}`,
      name: relativeName,
      properties: { fqdn: `${relativeName}.${String(zone.name)}.`, aRecords: [{ ipv4Address: ip }], isAutoRegistered: false, ttl: 300, metadata: undefined },
    }),
  );
}

/** The API server's private endpoint from `PrivateEndpointGet`, in the node resource group. */
export function apiServerEndpoint(w: World, p: Place, subnetId: string, fqdn: string, ip: string): Json {
  const id = `${net(p)}/privateEndpoints/kube-apiserver`;
  return w.put(
    from('network/PrivateEndpointGet', p, id, 'kube-apiserver', {
      properties: {
        subnet: { id: subnetId },
        customDnsConfigs: [{ fqdn, ipAddresses: [ip] }],
        ipConfigurations: [],
        networkInterfaces: [{ id: `${net(p)}/networkInterfaces/kube-apiserver.nic` }],
      },
    }),
  );
}

/** A JIT policy from `GetJitNetworkAccessPolicy_example` covering port 22 of the given VMs. */
export function jitPolicy(w: World, p: Place, name: string, vmIds: string[]): Json {
  const id = `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.Security/locations/${p.location}/jitNetworkAccessPolicies/${name}`;
  const base = fixtureBody<Json>('security/GetJitNetworkAccessPolicy_example');
  return w.put(
    merge(base, {
      id,
      name,
      location: p.location,
      properties: {
        virtualMachines: vmIds.map((vmId) => ({ id: vmId, ports: [{ number: 22, protocol: '*', allowedSourceAddressPrefix: '*', maxRequestAccessDuration: 'PT3H' }] })),
        requests: [],
        provisioningState: 'Succeeded',
      },
    }),
  );
}

/** Cluster options layered over an AKS example. */
export interface ClusterSpec {
  readonly fixture?: string;
  readonly dnsPrefix: string;
  readonly nodeSubnetId?: string;
  readonly apiServerAccessProfile?: Json;
  readonly fqdn?: string | undefined;
  readonly privateFqdn?: string | undefined;
  readonly publicNetworkAccess?: string;
  /** Kubernetes RBAC (default on, as AKS creates clusters; the example document has it off). */
  readonly enableRBAC?: boolean;
}

/** An AKS cluster from one of the ManagedCluster examples. */
export function cluster(w: World, p: Place, name: string, spec: ClusterSpec): Json {
  const id = `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
  const base = from(spec.fixture ?? 'containerservice/ManagedClustersGet', p, id, name, {});
  const pools = ((base.properties as Json).agentPoolProfiles as Json[]).map((pool) => ({ ...pool, ...(spec.nodeSubnetId ? { vnetSubnetID: spec.nodeSubnetId } : {}) }));
  const properties: Json = {
    dnsPrefix: spec.dnsPrefix,
    agentPoolProfiles: pools,
    nodeResourceGroup: `MC_${p.rg}_${name}_${p.location}`,
    apiServerAccessProfile: spec.apiServerAccessProfile,
    fqdn: spec.fqdn,
    privateFQDN: spec.privateFqdn,
    azurePortalFQDN: spec.fqdn ? spec.fqdn.replace('.hcp.', '.portal.hcp.') : undefined,
    publicNetworkAccess: spec.publicNetworkAccess ?? 'Enabled',
    enableRBAC: spec.enableRBAC ?? true,
  };
  return w.put(merge({ ...base, location: p.location }, { properties }));
}
