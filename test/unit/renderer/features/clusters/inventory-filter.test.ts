import { describe, expect, it } from 'vitest';
import { ageMinutes, filterClusters, type ClusterRow } from '../../../../../src-renderer/features/clusters/inventory-filter';

function cluster(name: string, badges: ClusterRow['badges'], extra: Partial<ClusterRow> = {}): ClusterRow {
  return {
    id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`,
    name, subscriptionId: 'sub-1', subscriptionName: 'Payments Prod', resourceGroup: 'rg-pay', location: 'japaneast',
    isPrivate: badges.includes('private'), publicFqdnEnabled: false, fqdn: null, privateFqdn: null, privateDnsMode: 'system',
    privateDnsZoneId: null, authorizedIpRanges: [], vnetIntegration: false, apiServerSubnetId: null, runCommandDisabled: false,
    publicNetworkAccess: 'Enabled', nodeResourceGroup: null, nodeSubnetIds: [], badges, ...extra,
  };
}

describe('inventory search and filter', () => {
  const all = [cluster('aks-b', ['private']), cluster('aks-a', ['public', 'authorized-ips']), cluster('web', ['private', 'public-fqdn'], { location: 'eastus', subscriptionName: 'Dev' })];

  it('filters by badge and sorts by name', () => {
    expect(filterClusters(all, '', 'private').map((c) => c.name)).toEqual(['aks-b', 'web']);
    expect(filterClusters(all, '', 'all').map((c) => c.name)).toEqual(['aks-a', 'aks-b', 'web']);
  });

  it('matches every word across name, subscription and region', () => {
    expect(filterClusters(all, 'payments japan', 'all').map((c) => c.name)).toEqual(['aks-a', 'aks-b']);
    expect(filterClusters(all, 'dev EASTUS', 'private').map((c) => c.name)).toEqual(['web']);
    expect(filterClusters(all, 'nothing-like-this', 'all')).toEqual([]);
  });

  it('computes the age of "as of"', () => {
    expect(ageMinutes('2026-11-29T08:00:00Z', Date.parse('2026-11-29T08:30:59Z'))).toBe(30);
    expect(ageMinutes('garbage', 0)).toBe(0);
  });
});
