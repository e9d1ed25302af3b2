/** A request path split the ARM way: scope, provider, and alternating type/name segments. */
export interface ArmPath {
  readonly subscriptionId: string | null;
  readonly resourceGroup: string | null;
  readonly provider: string | null;
  readonly types: string[];
  readonly names: string[];
  /** True when the path ends on a collection (`…/virtualNetworks`) rather than a resource. */
  readonly isCollection: boolean;
}

/** Parses a path; `null` for anything outside `/subscriptions/…`. */
export function parseArmPath(pathname: string): ArmPath | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0]?.toLowerCase() !== 'subscriptions' || !parts[1]) return null;
  let i = 2;
  let resourceGroup: string | null = null;
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    resourceGroup = parts[i + 1] ?? null;
    i += 2;
  }
  if (i >= parts.length) return { subscriptionId: parts[1], resourceGroup, provider: null, types: [], names: [], isCollection: false };
  if (parts[i]?.toLowerCase() !== 'providers' || !parts[i + 1]) return null;
  const provider = parts[i + 1]!;
  const rest = parts.slice(i + 2);
  const types: string[] = [];
  const names: string[] = [];
  rest.forEach((segment, index) => (index % 2 === 0 ? types : names).push(segment));
  return { subscriptionId: parts[1], resourceGroup, provider, types, names, isCollection: types.length > names.length };
}

const lower = (v: string[]) => v.map((s) => s.toLowerCase());

function withoutLocations(p: ArmPath): { types: string[]; names: string[] } {
  const types: string[] = [];
  const names: string[] = [];
  p.types.forEach((t, i) => {
    if (t.toLowerCase() === 'locations') return;
    types.push(t);
    if (i < p.names.length) names.push(p.names[i]!);
  });
  return { types, names };
}

/** True when resource `id` belongs to the collection `list` (subscription- or group-scoped, `locations/x` ignored). */
export function inCollection(list: ArmPath, id: ArmPath): boolean {
  if (!list.provider || !id.provider || list.subscriptionId?.toLowerCase() !== id.subscriptionId?.toLowerCase()) return false;
  if (list.resourceGroup && list.resourceGroup.toLowerCase() !== id.resourceGroup?.toLowerCase()) return false;
  if (list.provider.toLowerCase() !== id.provider.toLowerCase()) return false;
  const listHasLocation = list.types.some((t) => t.toLowerCase() === 'locations');
  const a = listHasLocation ? { types: list.types, names: list.names } : withoutLocations(list);
  const b = listHasLocation ? { types: id.types, names: id.names } : withoutLocations(id);
  if (b.types.length !== a.types.length || b.names.length !== a.types.length) return false;
  if (lower(a.types).join('/') !== lower(b.types).join('/')) return false;
  return lower(a.names).join('/') === lower(b.names.slice(0, a.names.length)).join('/');
}
