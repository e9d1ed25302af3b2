import { outcome, type Check } from '../check';
import { fix, portalLink, sh } from '../remediation';
import { say, shownValue } from '../check-text';

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
    const name = shownValue(c.name);
    if (!c.aadProfile?.managed || !c.aadProfile.enableAzureRbac) {
      return outcome.skip(say('reader_role.not_azure_rbac', `${name} does not authorize with Azure RBAC: Kubernetes RBAC bindings decide what you may do, and Azure cannot list them. The API server hop shows what you may do once a tunnel is open.`, { cluster: name }));
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
      const params = { role: strongest.role.name, cluster: name };
      if (sameScope(strongest.scope, clusterId)) return outcome.pass(say('reader_role.held', `You hold ${params.role} on ${name}.`, params));
      return outcome.pass(say('reader_role.held_above', `You hold ${params.role} on ${name} (assigned at ${strongest.scope}).`, { ...params, scope: strongest.scope }));
    }
    const namespaces = held.filter((h) => isAtOrAbove(clusterId, h.scope) && /\/namespaces\/[^/]+$/i.test(h.scope));
    const reader = AKS_RBAC_ROLES[0].name;
    const grant = fix(
      [say('reader_role.fix_grant', `Ask an owner of the cluster (or use Privileged Identity Management) to assign you ${reader} on the cluster.`, { pim: 'Privileged Identity Management', role: reader })],
      `az role assignment create --role "${reader}" --assignee ${sh(oid)} --scope ${sh(clusterId)}`,
      portalLink(ctx.portal, clusterId, 'users'),
    );
    if (namespaces.length > 0) {
      const grants = namespaces.map((n) => `${n.scope.split('/').at(-1)}: ${n.role.name}`).join(', ');
      const command = 'kubectl get pods -A';
      return outcome.warn([say('reader_role.namespaces_only', `You hold AKS roles on ${name} only in some namespaces (${grants}): cluster-wide reads such as ${command} are refused.`, { cluster: name, grants, command })], grant);
    }
    const family = 'Azure Kubernetes Service RBAC';
    return outcome.fail([say('reader_role.none', `You (object id ${oid}) hold no ${family} role on ${name} or above it: every kubectl request will be refused with 403.`, { oid, family, cluster: name })], grant);
  },
};

function sameScope(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
