import { describe, expect, it } from 'vitest';
import { leastRoleFor, offersFor, parseForbidden } from '../../../../../src-renderer/features/pim';
import { formProblem, pimErrorKey } from '../../../../../src-renderer/features/pim/pim-model';

const CLUSTER = '/subscriptions/s1/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const policy = { maxDurationMinutes: 480, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false };
const role = (roleName: string, scope: string) => ({ eligibilityId: `${scope}/e/${roleName}`, roleDefinitionId: `/r/${roleName}`, roleName, scope, scopeName: scope.split('/').at(-1)!, eligibleUntil: null, policy });

describe('PIM model', () => {
  it('reads kube-apiserver 403s, namespaced and cluster-scoped, and names the least AKS role that grants them', () => {
    const del = parseForbidden('Error from server (Forbidden): pods "web-1" is forbidden: User "ops.admin@contoso.com" cannot delete resource "pods" in API group "" in the namespace "default": User does not have access to the resource in Azure. Update role assignment to allow access.')!;
    expect(del).toEqual({ user: 'ops.admin@contoso.com', verb: 'delete', resource: 'pods', group: '', namespace: 'default' });
    expect(leastRoleFor(del)).toBe('Azure Kubernetes Service RBAC Writer');
    const nodes = parseForbidden('nodes is forbidden: User "u" cannot list resource "nodes" in API group "" at the cluster scope')!;
    expect(leastRoleFor(nodes)).toBe('Azure Kubernetes Service RBAC Cluster Admin');
    expect(leastRoleFor({ ...del, verb: 'get', resource: 'secrets' })).toBe('Azure Kubernetes Service RBAC Writer');
    expect(leastRoleFor({ ...del, verb: 'get' })).toBe('Azure Kubernetes Service RBAC Reader');
    expect(leastRoleFor({ ...del, verb: 'create', resource: 'rolebindings', group: 'rbac.authorization.k8s.io' })).toBe('Azure Kubernetes Service RBAC Admin');
    expect(parseForbidden('pod "x" deleted')).toBeUndefined();
  });

  it('offers eligible roles that would grant it on this cluster (at or above it, or the namespace), least privilege first', () => {
    const del = parseForbidden('User "u" cannot delete resource "pods" in API group "" in the namespace "payments"')!;
    const eligible = [
      role('Azure Kubernetes Service RBAC Cluster Admin', '/subscriptions/s1'),
      role('Azure Kubernetes Service RBAC Reader', CLUSTER),
      role('Azure Kubernetes Service RBAC Writer', `${CLUSTER}/namespaces/payments`),
      role('Azure Kubernetes Service RBAC Writer', `${CLUSTER}/namespaces/default`),
      role('Azure Kubernetes Service RBAC Admin', '/subscriptions/s1/resourceGroups/rg-other/providers/Microsoft.ContainerService/managedClusters/aks-dev'),
    ];
    expect(offersFor(del, eligible, CLUSTER).map((r) => `${r.roleName}@${r.scopeName}`)).toEqual(['Azure Kubernetes Service RBAC Writer@payments', 'Azure Kubernetes Service RBAC Cluster Admin@s1']);
  });

  it('checks the form against the policy before sending, and knows which errors it explains', () => {
    const form = { minutes: 60, justification: 'INC-1', ticketNumber: '', ticketSystem: '' };
    expect(formProblem(policy, form)).toBeUndefined();
    expect(formProblem(policy, { ...form, minutes: 481 })).toBe('too-long');
    expect(formProblem(policy, { ...form, minutes: 4 })).toBe('too-short');
    expect(formProblem(policy, { ...form, justification: ' ' })).toBe('justification');
    expect(formProblem({ ...policy, ticketRequired: true }, form)).toBe('ticket');
    expect(pimErrorKey('pim.no_consent')).toBe('pim.errors.no_consent');
    expect(pimErrorKey('azure.throttled')).toBeUndefined();
  });
});
