import type { z } from 'zod';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { AccessBadge, ClusterSummary as ClusterSummarySchema } from '../../ipc/contract/azure';
import { parseResourceId } from '../azure-model';

/** A cluster as the inventory lists it. */
export type ClusterSummary = z.output<typeof ClusterSummarySchema>;
type Badge = z.output<typeof AccessBadge>;

/** The access-deciding fields, whichever API they came from. Every field may be missing or null. */
export interface ClusterFacts {
  id?: unknown;
  name?: unknown;
  location?: unknown;
  fqdn?: unknown;
  privateFqdn?: unknown;
  enablePrivateCluster?: unknown;
  enablePrivateClusterPublicFQDN?: unknown;
  privateDNSZone?: unknown;
  authorizedIPRanges?: unknown;
  disableRunCommand?: unknown;
  enableVnetIntegration?: unknown;
  apiServerSubnetId?: unknown;
  publicNetworkAccess?: unknown;
  nodeResourceGroup?: unknown;
  nodeSubnetIds?: unknown;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const bool = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

function dnsMode(isPrivate: boolean, zone: string | null): { mode: ClusterSummary['privateDnsMode']; zoneId: string | null } {
  if (!isPrivate) return { mode: 'not-private', zoneId: null };
  if (!zone || zone.toLowerCase() === 'system') return { mode: 'system', zoneId: null };
  if (zone.toLowerCase() === 'none') return { mode: 'none', zoneId: null };
  return parseResourceId(zone) ? { mode: 'custom', zoneId: zone } : { mode: 'system', zoneId: null };
}

function subnetIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const ids = new Set<string>();
  for (const item of value) {
    if (typeof item === 'string') ids.add(item);
    else if (item && typeof item === 'object') {
      const pool = item as Record<string, unknown>;
      const subnet = str(pool.vnetSubnetID) ?? str(pool.vnetSubnetId);
      if (subnet) ids.add(subnet);
    }
  }
  return [...ids];
}

/** Builds the summary; unknown enum values and missing fields degrade to safe defaults instead of failing. */
export function summarizeCluster(facts: ClusterFacts, subscriptionName: string | null = null): ClusterSummary | null {
  const id = str(facts.id);
  const parsed = parseResourceId(id);
  if (!id || !parsed || !parsed.resourceGroup) return null;
  const isPrivate = bool(facts.enablePrivateCluster);
  const { mode, zoneId } = dnsMode(isPrivate, str(facts.privateDNSZone));
  const fqdn = str(facts.fqdn);
  const authorizedIpRanges = Array.isArray(facts.authorizedIPRanges) ? facts.authorizedIPRanges.filter((r): r is string => typeof r === 'string') : [];
  const pna = str(facts.publicNetworkAccess);
  const publicNetworkAccess = pna === 'Enabled' || pna === 'Disabled' ? pna : 'unknown';
  const publicFqdnEnabled = !isPrivate || (bool(facts.enablePrivateClusterPublicFQDN) && fqdn !== null);
  const vnetIntegration = bool(facts.enableVnetIntegration);
  const runCommandDisabled = bool(facts.disableRunCommand);
  const badges: Badge[] = [];
  badges.push(isPrivate ? 'private' : 'public');
  if (!isPrivate && authorizedIpRanges.length > 0) badges.push('authorized-ips');
  if (isPrivate && publicFqdnEnabled) badges.push('public-fqdn');
  if (vnetIntegration) badges.push('vnet-integration');
  if (publicNetworkAccess === 'Disabled') badges.push('public-network-disabled');
  if (runCommandDisabled) badges.push('run-command-disabled');
  return {
    id,
    name: str(facts.name) ?? parsed.name,
    subscriptionId: parsed.subscriptionId,
    subscriptionName,
    resourceGroup: parsed.resourceGroup,
    location: str(facts.location) ?? 'unknown',
    isPrivate,
    publicFqdnEnabled,
    fqdn,
    privateFqdn: str(facts.privateFqdn),
    privateDnsMode: mode,
    privateDnsZoneId: zoneId,
    authorizedIpRanges,
    vnetIntegration,
    apiServerSubnetId: str(facts.apiServerSubnetId),
    runCommandDisabled,
    publicNetworkAccess,
    nodeResourceGroup: str(facts.nodeResourceGroup),
    nodeSubnetIds: subnetIds(facts.nodeSubnetIds),
    badges,
  };
}

/** The facts of an SDK ManagedCluster. */
export function factsFromManagedCluster(cluster: ManagedCluster): ClusterFacts {
  const ap = cluster.apiServerAccessProfile;
  return {
    id: cluster.id,
    name: cluster.name,
    location: cluster.location,
    fqdn: cluster.fqdn,
    privateFqdn: cluster.privateFqdn,
    enablePrivateCluster: ap?.enablePrivateCluster,
    enablePrivateClusterPublicFQDN: ap?.enablePrivateClusterPublicFqdn,
    privateDNSZone: ap?.privateDNSZone,
    authorizedIPRanges: ap?.authorizedIPRanges,
    disableRunCommand: ap?.disableRunCommand,
    enableVnetIntegration: ap?.enableVnetIntegration,
    apiServerSubnetId: ap?.subnetId,
    publicNetworkAccess: cluster.publicNetworkAccess,
    nodeResourceGroup: cluster.nodeResourceGroup,
    nodeSubnetIds: (cluster.agentPoolProfiles ?? []).map((p) => p.vnetSubnetID).filter(Boolean),
  };
}
