/**
 * Authorization as an AKS API server does it: Kubernetes RBAC (Roles / ClusterRoles bound to users
 * and Entra group object ids) and, on clusters with Azure RBAC, the Azure role assignments of the
 * built-in AKS roles at cluster or namespace scope. Either grants. Refusals use kube-apiserver's
 * wording, and the Azure hint AKS's authorization webhook appends.
 */

/** One RBAC policy rule (`rbac.authorization.k8s.io/v1` PolicyRule). */
export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** Who is asking, after authentication. */
export interface UserInfo {
  readonly username: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  /** Entra object id (Azure role assignments are made to it or to one of `groups`). */
  readonly oid?: string;
}

/** What is asked for (SubjectAccessReview attributes). */
export interface Attributes {
  readonly verb: string;
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly name?: string;
  /** Empty for cluster-scoped resources or all namespaces. */
  readonly namespace?: string;
  /** For non-resource requests. */
  readonly path?: string;
}

/** A Kubernetes role binding: a ClusterRole or Role bound to subjects, cluster-wide or in one namespace. */
export interface Binding {
  readonly name: string;
  readonly role: string;
  readonly subjects: ReadonlyArray<{ readonly kind: 'User' | 'Group'; readonly name: string }>;
  /** Absent: a ClusterRoleBinding. */
  readonly namespace?: string;
}

/** An Azure role assignment as `Microsoft.Authorization/roleAssignments` lists it (the fields that matter). */
export interface RoleAssignment {
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly scope: string;
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const WORKLOADS = ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'serviceaccounts'];
const APPS = ['deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets'];

/** Rules of the built-in user-facing ClusterRoles (`view`, `edit`, `admin`, `cluster-admin`), abridged to what the stand-in serves. */
export const CLUSTER_ROLES: Readonly<Record<string, readonly PolicyRule[]>> = {
  view: [
    { apiGroups: [''], resources: [...WORKLOADS, 'namespaces'], verbs: READ },
    { apiGroups: ['apps'], resources: APPS, verbs: READ },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
  ],
  edit: [
    { apiGroups: [''], resources: [...WORKLOADS, 'namespaces', 'secrets'], verbs: READ },
    { apiGroups: [''], resources: [...WORKLOADS.filter((r) => r !== 'pods/log' && r !== 'pods/status'), 'secrets', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/eviction'], verbs: [...WRITE, 'get'] },
    { apiGroups: ['apps'], resources: APPS, verbs: [...READ, ...WRITE] },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
  ],
  admin: [
    { apiGroups: ['', 'apps', 'batch', 'events.k8s.io'], resources: ['*'], verbs: ['*'] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: ['*'] },
  ],
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
};

/** What every authenticated user may do (`system:basic-user`, `system:discovery`, `system:public-info-viewer`). */
const AUTHENTICATED: readonly PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/version', '/version/', '/openapi', '/openapi/*'], verbs: ['get'] },
];

/** The AKS built-in roles for Azure RBAC, with the role definition ids of Azure's built-in roles reference. */
export const AKS_ROLES = [
  { id: '7f6c6a51-bcf8-42ba-9220-52d62157d7db', name: 'Azure Kubernetes Service RBAC Reader', clusterRole: 'view' },
  { id: 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', name: 'Azure Kubernetes Service RBAC Writer', clusterRole: 'edit' },
  { id: '3498e952-d568-435e-9b2c-8d77e338d7f7', name: 'Azure Kubernetes Service RBAC Admin', clusterRole: 'admin' },
  { id: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', name: 'Azure Kubernetes Service RBAC Cluster Admin', clusterRole: 'cluster-admin' },
] as const;

/** The AKS role a role definition id (bare guid or full `/providers/Microsoft.Authorization/roleDefinitions/<guid>` id) names. */
export function aksRole(roleDefinitionId: string): (typeof AKS_ROLES)[number] | undefined {
  const guid = roleDefinitionId.split('/').at(-1)?.toLowerCase();
  return AKS_ROLES.find((r) => r.id === guid);
}

/** How the cluster authorizes. */
export interface AuthorizerConfig {
  readonly bindings: readonly Binding[];
  /** Present on clusters with Azure RBAC: the cluster's resource id and the role assignments Azure holds now. */
  readonly azure?: { readonly clusterId: string; roleAssignments(): readonly RoleAssignment[] };
}

/** The outcome of one check: allowed, and by what (a binding or an Azure role), or why not. */
export interface Decision {
  readonly allowed: boolean;
  readonly reason: string;
}

const matches = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!matches(rule.verbs, a.verb)) return false;
  if (a.path !== undefined) return !!rule.nonResourceURLs?.some((u) => u === a.path || u === '*' || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource ?? '';
  return matches(rule.apiGroups, a.group ?? '') && (matches(rule.resources, resource) || (!!a.subresource && matches(rule.resources, `*/${a.subresource}`)));
}

/** Every applicable rule for `user` in `namespace` ('' = cluster-wide), each with where it came from. */
export function rulesFor(config: AuthorizerConfig, user: UserInfo, namespace: string): Array<{ rule: PolicyRule; source: string }> {
  const out: Array<{ rule: PolicyRule; source: string }> = [];
  if (user.groups.includes('system:authenticated')) for (const rule of AUTHENTICATED) out.push({ rule, source: 'ClusterRoleBinding "system:basic-user"' });
  if (user.groups.includes('system:masters')) for (const rule of CLUSTER_ROLES['cluster-admin']!) out.push({ rule, source: 'group "system:masters"' });
  for (const b of config.bindings) {
    if (b.namespace !== undefined && b.namespace !== namespace) continue;
    const bound = b.subjects.some((s) => (s.kind === 'User' ? s.name === user.username : user.groups.includes(s.name)));
    if (!bound) continue;
    const kind = b.namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding';
    for (const rule of CLUSTER_ROLES[b.role] ?? []) out.push({ rule, source: `${kind} "${b.name}"` });
  }
  if (config.azure && user.oid) {
    const cluster = config.azure.clusterId.toLowerCase();
    const principals = new Set([user.oid, ...user.groups]);
    for (const assignment of config.azure.roleAssignments()) {
      const role = aksRole(assignment.roleDefinitionId);
      if (!role || !principals.has(assignment.principalId)) continue;
      const scope = assignment.scope.toLowerCase();
      const atCluster = cluster === scope || cluster.startsWith(`${scope}/`);
      const atNamespace = namespace !== '' && scope === `${cluster}/namespaces/${namespace.toLowerCase()}`;
      if (!atCluster && !atNamespace) continue;
      for (const rule of CLUSTER_ROLES[role.clusterRole] ?? []) out.push({ rule, source: `Azure role "${role.name}"` });
    }
  }
  return out;
}

/** Decides one request. */
export function authorize(config: AuthorizerConfig, user: UserInfo, a: Attributes): Decision {
  const granted = rulesFor(config, user, a.namespace ?? '').find(({ rule }) => ruleAllows(rule, a));
  return granted ? { allowed: true, reason: `allowed by ${granted.source}` } : { allowed: false, reason: forbiddenMessage(config, user, a) };
}

/** kube-apiserver's refusal text, with AKS's Azure hint on Azure-RBAC clusters. */
export function forbiddenMessage(config: AuthorizerConfig, user: UserInfo, a: Attributes): string {
  const who = `User "${user.username}"`;
  let text: string;
  if (a.path !== undefined) text = `forbidden: ${who} cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
    const qualified = a.group ? `${a.resource}.${a.group}` : a.resource!;
    const object = a.name ? `${qualified} "${a.name}" is forbidden` : `${qualified} is forbidden`;
    const where = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
    text = `${object}: ${who} cannot ${a.verb} resource "${resource}" in API group "${a.group ?? ''}"${where}`;
  }
  return config.azure ? `${text}: User does not have access to the resource in Azure. Update role assignment to allow access.` : text;
}
