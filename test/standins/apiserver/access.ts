/**
 * The cluster access scenarios the ARM and API server stand-ins share: how a cluster authenticates
 * (managed Entra ID, local accounts) and authorizes (Azure RBAC, Kubernetes RBAC by Entra group),
 * as `aadProfile` / `disableLocalAccounts` on the ARM side and as authenticator and authorizer
 * configuration on the API server side.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_IDS } from '../entra/directory';
import { AKS_ROLES, type Binding, type RoleAssignment, type UserInfo } from './rbac';

/** The access scenarios. */
export const ACCESS_SCENARIOS = ['entra-azure-rbac', 'entra-k8s-rbac', 'local-accounts'] as const;

/** An access scenario name. */
export type AccessScenario = (typeof ACCESS_SCENARIOS)[number];

/** Short names of the AKS built-in roles. */
export type AksRoleName = 'reader' | 'writer' | 'admin' | 'cluster-admin';

const ROLE_BY_SHORT: Readonly<Record<AksRoleName, (typeof AKS_ROLES)[number]>> = { reader: AKS_ROLES[0], writer: AKS_ROLES[1], admin: AKS_ROLES[2], 'cluster-admin': AKS_ROLES[3] };

/** Everything both stand-ins need to know about a cluster's access. */
export interface ClusterAccess {
  readonly scenario: AccessScenario;
  /** `properties.aadProfile` of the managed cluster (absent: no Entra integration). */
  readonly aadProfile?: { readonly managed: true; readonly enableAzureRBAC: boolean; readonly tenantID: string; readonly adminGroupObjectIDs: string[] | null };
  readonly disableLocalAccounts: boolean;
  /** Kubernetes RBAC bindings beyond the system ones. */
  readonly bindings: readonly Binding[];
  /** Azure role assignments the scenario starts with (served by ARM, read by the API server on Azure-RBAC clusters). */
  readonly roleAssignments: readonly RoleAssignment[];
  /** The static local-account token (`clusterAdmin`), random per build; only works where local accounts are enabled. */
  readonly localAccountToken: string;
}

/** Who the scenario is built around. */
export interface AccessOptions {
  readonly tenantId: string;
  readonly clusterId: string;
  /** The signed-in operator's object id (default: the Entra stand-in's operator). */
  readonly operatorOid?: string;
  /** The AKS role the operator starts with on Azure-RBAC clusters (default `reader`, at cluster scope). */
  readonly operatorRole?: AksRoleName | null;
}

/** The local account a static token authenticates as. */
export const LOCAL_ADMIN: UserInfo = { username: 'clusterAdmin', groups: ['system:masters', 'system:authenticated'] };

/** A role assignment in ARM's shape parts (`roleDefinitionId` is the full built-in id). */
export function aksRoleAssignment(principalId: string, role: AksRoleName, scope: string): RoleAssignment {
  return { principalId, roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLE_BY_SHORT[role].id}`, scope };
}

/** The display name of a short role name (`Azure Kubernetes Service RBAC Writer`). */
export function aksRoleName(role: AksRoleName): string {
  return ROLE_BY_SHORT[role].name;
}

/** Builds one access scenario. */
export function clusterAccess(scenario: AccessScenario, options: AccessOptions): ClusterAccess {
  const operator = options.operatorOid ?? DEFAULT_IDS.operatorOid;
  const localAccountToken = randomBytes(32).toString('hex');
  if (scenario === 'local-accounts') return { scenario, disableLocalAccounts: false, bindings: [], roleAssignments: [], localAccountToken };
  const admins = [DEFAULT_IDS.clusterAdminsGroup];
  const adminBinding: Binding = { name: 'aks-cluster-admin-binding-aad', role: 'cluster-admin', subjects: admins.map((name) => ({ kind: 'Group', name })) };
  if (scenario === 'entra-azure-rbac') {
    const role = options.operatorRole === undefined ? 'reader' : options.operatorRole;
    return {
      scenario,
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: options.tenantId, adminGroupObjectIDs: admins },
      disableLocalAccounts: true,
      bindings: [adminBinding],
      roleAssignments: role ? [aksRoleAssignment(operator, role, options.clusterId)] : [],
      localAccountToken,
    };
  }
  return {
    scenario,
    aadProfile: { managed: true, enableAzureRBAC: false, tenantID: options.tenantId, adminGroupObjectIDs: admins },
    disableLocalAccounts: false,
    bindings: [
      adminBinding,
      { name: 'aks-operators-view', role: 'view', subjects: [{ kind: 'Group', name: DEFAULT_IDS.operatorsGroup }] },
      { name: 'aks-operators-edit', namespace: 'payments', role: 'edit', subjects: [{ kind: 'Group', name: DEFAULT_IDS.operatorsGroup }] },
    ],
    roleAssignments: [],
    localAccountToken,
  };
}
