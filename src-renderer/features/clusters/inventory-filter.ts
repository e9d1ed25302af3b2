/** Search and filter over the cluster inventory, pure so the list and its tests agree. */
import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** One cluster of the inventory. */
export type ClusterRow = InvokeResponse<'azure.inventory'>['clusters'][number];
/** An access badge. */
export type Badge = ClusterRow['badges'][number];

/** Filters the operator can pick; `all` shows everything. */
export const CLUSTER_FILTERS = ['all', 'private', 'public', 'authorized-ips', 'public-fqdn', 'vnet-integration', 'run-command-disabled'] as const;
/** One filter. */
export type ClusterFilter = (typeof CLUSTER_FILTERS)[number];

/** Clusters matching every word of `query` (name, resource group, subscription, region) and the filter, sorted by name. */
export function filterClusters(clusters: readonly ClusterRow[], query: string, filter: ClusterFilter): ClusterRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return clusters
    .filter((c) => filter === 'all' || c.badges.includes(filter))
    .filter((c) => {
      const haystack = [c.name, c.resourceGroup, c.subscriptionName ?? '', c.subscriptionId, c.location].join(' ').toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.subscriptionId.localeCompare(b.subscriptionId));
}

/** How old an "as of" time is, in whole minutes (never negative). */
export function ageMinutes(asOf: string, now: number): number {
  const then = Date.parse(asOf);
  if (Number.isNaN(then)) return 0;
  return Math.max(0, Math.floor((now - then) / 60_000));
}
