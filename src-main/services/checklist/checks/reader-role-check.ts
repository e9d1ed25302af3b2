import { outcome, type Check } from '../check';
import { fix, portalLink, sh } from '../remediation';

/** The AKS built-in roles for Azure RBAC, weakest first (role definition GUIDs are the same in every cloud). */
export const AKS_RBAC_ROLES = [
  { id: '7f6c6a51-bcf8-42ba-9220-52d62157d7db', name: 'Azure Kubernetes Service RBAC Reader' },
  { id: 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb', name: 'Azure Kubernetes Service RBAC Writer' },
  { id: '3498e952-d568-435e-9b2c-8d77e338d7f7', name: 'Azure Kubernetes Service RBAC Admin' },
  { id: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b', name: 'Azure Kubernetes Service RBAC Cluster Admin' },
] as const;

const roleOf = (roleDefinitionId: string) => AKS_RBAC_ROLES.find((r) => r.id === roleDefinitionId.split('/').at(-1)?.toLowerCase());
const isAtOrAbove = (scope: string, target: string) => target.toLowerCase() === scope.toLowerCase() || target.toLowerCase().startsWith(`${scope.toLowerCase().replace(/\/$/, '')}/`);

/**
 * On an Azure-RBAC cluster, the operator (or a group they are in) holds at least Azure Kubernetes
 * Service RBAC Reader on the cluster or above it, read from ARM's role assignments for their object
 * id. Elsewhere Kubernetes RBAC bindings decide, which Azure cannot show: the API server hop's can-i
 * matrix shows them instead.
 */
export const readerRole: Check = {
  id: 'operator-reader-role',
  title: 'You hold at least a reader role on the cluster',
  hops: ['arm', 'api-server'],
  appliesTo: () => true,
  async run(ctx) {
    const c = await ctx.facts.managedCluster();
    const clusterId = c.id!;
    if (!c.aadProfile?.managed || !c.aadProfile.enableAzureRbac) {
      return outcome.skip(`${c.name} does not authorize with Azure RBAC: Kubernetes RBAC bindings decide what you may do, and Azure cannot list them. The API server hop shows what you may do once a tunnel is open.`);
    }
    const roles = ctx.facts.arm.roles;
    const oid = await roles.operatorOid();
    const held = (await roles.assignedTo(clusterId, oid)).flatMap((a) => {
      const role = roleOf(a.roleDefinitionId);
      return role ? [{ role, scope: a.scope }] : [];
    });
    const cluster = held.filter((h) => isAtOrAbove(h.scope, clusterId));
    if (cluster.length > 0) {
      const strongest = cluster.reduce((a, b) => (AKS_RBAC_ROLES.indexOf(b.role) > AKS_RBAC_ROLES.indexOf(a.role) ? b : a));
      return outcome.pass(`You hold ${strongest.role.name} on ${c.name}${sameScope(strongest.scope, clusterId) ? '' : ` (assigned at ${strongest.scope})`}.`);
    }
    const namespaces = held.filter((h) => isAtOrAbove(clusterId, h.scope) && /\/namespaces\/[^/]+$/i.test(h.scope));
    const grant = fix(
      ['Ask an owner of the cluster (or use Privileged Identity Management) to assign you Azure Kubernetes Service RBAC Reader on the cluster.'],
      `az role assignment create --role "Azure Kubernetes Service RBAC Reader" --assignee ${sh(oid)} --scope ${sh(clusterId)}`,
      portalLink(ctx.portal, clusterId, 'users'),
    );
    if (namespaces.length > 0) {
      const where = namespaces.map((n) => `${n.role.name} in namespace ${n.scope.split('/').at(-1)}`).join(', ');
      return outcome.warn([`You hold AKS roles on ${c.name} only in some namespaces (${where}): cluster-wide reads such as kubectl get pods -A are refused.`], grant);
    }
    return outcome.fail([`You (object id ${oid}) hold no Azure Kubernetes Service RBAC role on ${c.name} or above it: every kubectl request will be refused with 403.`], grant);
  },
};

function sameScope(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
