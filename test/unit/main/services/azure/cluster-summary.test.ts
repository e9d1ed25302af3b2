import { describe, expect, it } from 'vitest';
import { summarizeCluster } from '../../../../../src-main/services/azure/cluster-summary';
import { parseResourceId, vnetIdOfSubnet } from '../../../../../src-main/services/azure-model/arm-ids';

const id = '/subscriptions/s1/resourcegroups/rg1/providers/Microsoft.ContainerService/managedClusters/aks1';

describe('summarizeCluster', () => {
  it('reads a private cluster with a custom zone and public FQDN into badges', () => {
    const s = summarizeCluster({ id, location: 'japaneast', enablePrivateCluster: true, enablePrivateClusterPublicFQDN: 'true', fqdn: 'aks1.hcp', privateFqdn: 'x.privatelink', privateDNSZone: '/subscriptions/s1/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.japaneast.azmk8s.io', disableRunCommand: true });
    expect(s).toMatchObject({ resourceGroup: 'rg1', isPrivate: true, publicFqdnEnabled: true, privateDnsMode: 'custom', runCommandDisabled: true, badges: ['private', 'public-fqdn', 'run-command-disabled'] });
  });
  it('survives nulls, missing fields and unknown enum values', () => {
    const s = summarizeCluster({ id, name: null, location: null, enablePrivateCluster: null, authorizedIPRanges: [null, 42, '198.51.100.0/24'], publicNetworkAccess: 'SecuredByPerimeter', nodeSubnetIds: [{ vnetSubnetID: null }, 'weird', null] });
    expect(s).toMatchObject({ name: 'aks1', location: 'unknown', isPrivate: false, authorizedIpRanges: ['198.51.100.0/24'], publicNetworkAccess: 'unknown', badges: ['public', 'authorized-ips'], nodeSubnetIds: ['weird'] });
  });
  it('returns null for a record without a usable id', () => {
    expect(summarizeCluster({ id: null })).toBeNull();
    expect(summarizeCluster({ id: '/tenants/x' })).toBeNull();
  });
  it('treats privateDNSZone none and system', () => {
    expect(summarizeCluster({ id, enablePrivateCluster: true, privateDNSZone: 'None' })!.privateDnsMode).toBe('none');
    expect(summarizeCluster({ id, enablePrivateCluster: true })!.privateDnsMode).toBe('system');
  });
});

describe('resource ids', () => {
  it('parse nested ids and subnet → VNet', () => {
    const p = parseResourceId('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/sn')!;
    expect(p).toMatchObject({ subscriptionId: 's', resourceGroup: 'rg', provider: 'Microsoft.Network', types: ['virtualNetworks', 'subnets'], names: ['v', 'sn'], name: 'sn' });
    expect(vnetIdOfSubnet(p.id)).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v');
    expect(parseResourceId('nonsense')).toBeNull();
  });
});
