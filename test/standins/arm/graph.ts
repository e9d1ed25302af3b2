import type { World } from './world';

type Json = Record<string, unknown>;

/** Projects a ManagedCluster the way the console's KQL does (arm-api.md §3.7), with lower-case `type`. */
export function clusterRow(resource: Json): Json {
  const props = (resource.properties ?? {}) as Json;
  const ap = (props.apiServerAccessProfile ?? {}) as Json;
  const id = String(resource.id);
  const parts = id.split('/');
  return {
    id,
    name: resource.name,
    type: 'microsoft.containerservice/managedclusters',
    subscriptionId: parts[2],
    resourceGroup: String(parts[4]).toLowerCase(),
    location: resource.location,
    fqdn: props.fqdn ?? '',
    privateFqdn: props.privateFQDN ?? '',
    enablePrivateCluster: ap.enablePrivateCluster === true,
    enablePrivateClusterPublicFQDN: ap.enablePrivateClusterPublicFQDN ?? null,
    privateDNSZone: ap.privateDNSZone ?? '',
    authorizedIPRanges: ap.authorizedIPRanges ?? null,
    disableRunCommand: ap.disableRunCommand ?? null,
    enableVnetIntegration: ap.enableVnetIntegration ?? null,
    apiServerSubnetId: ap.subnetId ?? '',
    publicNetworkAccess: props.publicNetworkAccess ?? '',
    nodeResourceGroup: props.nodeResourceGroup ?? '',
    nodeSubnetIds: props.agentPoolProfiles ?? [],
  };
}

/**
 * Answers a Resource Graph query. The stand-in cannot run KQL: it recognises the resource type the
 * query filters on and returns those rows, scoped to the requested (and still accessible) subscriptions.
 */
export function runGraphQuery(world: World, query: string, subscriptions: string[] | undefined, denied: Set<string>): Json[] {
  const type = /type\s*=~\s*'([^']+)'/i.exec(query)?.[1]?.toLowerCase();
  if (type !== 'microsoft.containerservice/managedclusters') return [];
  const scope = subscriptions ? new Set(subscriptions.map((s) => s.toLowerCase())) : null;
  return world
    .where((p) => p.provider?.toLowerCase() === 'microsoft.containerservice' && p.types.length === 1 && p.types[0]!.toLowerCase() === 'managedclusters')
    .filter((r) => {
      const sub = String(r.id).split('/')[2]!.toLowerCase();
      return (!scope || scope.has(sub)) && !denied.has(sub);
    })
    .map(clusterRow)
    .sort((a, b) => String(a.subscriptionId).localeCompare(String(b.subscriptionId)) || String(a.name).localeCompare(String(b.name)));
}
