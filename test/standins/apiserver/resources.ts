/**
 * The API surface the stand-in serves and its discovery documents (the legacy, unaggregated form,
 * which every kubectl 1.27-1.33 accepts when the server does not answer with the aggregated
 * `apidiscovery.k8s.io` content type).
 */

/** One served resource type. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames?: readonly string[];
  /** Subresources with their verbs (`log`, `scale`). */
  readonly subresources?: Readonly<Record<string, { kind: string; verbs: readonly string[] }>>;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Every resource type served, by group version. */
export const RESOURCES: readonly ResourceType[] = [
  { group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'] },
  { group: '', version: 'v1', resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, verbs: RW, shortNames: ['no'] },
  { group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, verbs: RW, shortNames: ['po'], subresources: { log: { kind: 'Pod', verbs: ['get'] } } },
  { group: '', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', namespaced: true, verbs: RW, shortNames: ['ev'] },
  { group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, verbs: RW, shortNames: ['deploy'], subresources: { scale: { kind: 'Scale', verbs: ['get', 'patch', 'update'] } } },
  ...['v1', 'v1beta1', 'v1alpha1'].map((version) => ({ group: 'authentication.k8s.io', version, resource: 'selfsubjectreviews', singular: 'selfsubjectreview', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] })),
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', singular: 'selfsubjectrulesreview', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] },
];

/** The resource type at `group/version/resource`, if served. */
export function findResource(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

const groupNames = () => [...new Set(RESOURCES.filter((r) => r.group !== '').map((r) => r.group))];
const versionsOf = (group: string) => [...new Set(RESOURCES.filter((r) => r.group === group).map((r) => r.version))];

/** `GET /api`. */
export function coreVersions(serverAddress: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(name: string): Record<string, unknown> {
  const versions = versionsOf(name).map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions, preferredVersion: versions[0] };
}

/** `GET /apis`. */
export function groupList(): Record<string, unknown> {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupNames().map(apiGroup) };
}

/** `GET /apis/<group>`, or undefined when the group is not served. */
export function groupDocument(group: string): Record<string, unknown> | undefined {
  return groupNames().includes(group) ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) } : undefined;
}

/** `GET /api/v1` or `GET /apis/<group>/<version>`, or undefined when not served. */
export function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const types = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (types.length === 0) return undefined;
  const resources = types.flatMap((r) => [
    { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs, ...(r.shortNames ? { shortNames: r.shortNames } : {}) },
    ...Object.entries(r.subresources ?? {}).map(([sub, s]) => ({ name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced, ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}), kind: s.kind, verbs: s.verbs })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
