import { randomUUID } from 'node:crypto';

/** A person in the simulated directory. */
export interface StandInUser {
  readonly oid: string;
  readonly username: string;
  readonly name: string;
  readonly homeTenantId: string;
  /** Tenants the user is a member or guest of (home included). */
  readonly tenantIds: readonly string[];
  /** Object ids of the Entra groups the user is in (the access token's `groups` claim). */
  readonly groups?: readonly string[];
}

/** A tenant with its subscriptions. */
export interface StandInTenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomain: string;
  readonly subscriptions: ReadonlyArray<{ subscriptionId: string; displayName: string; state: string }>;
}

/** The simulated directory: who exists, where they belong, what each tenant holds. */
export interface StandInDirectory {
  readonly users: StandInUser[];
  readonly tenants: StandInTenant[];
}

/** Fixed ids of the default directory, so tests and screenshots are stable. */
export const DEFAULT_IDS = {
  contosoTenant: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  fabrikamTenant: '3a1e8f52-7c64-4f0e-9b7d-1d2a6f0c9e11',
  operatorOid: '5c1a3f2e-8b7d-4e6a-9f01-2b3c4d5e6f70',
  secondOid: '0b9e7d6c-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  prodSubscription: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  devSubscription: '6e5d4c3b-2a19-4807-b6a5-948372615a0b',
  partnerSubscription: '9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3',
  /** Entra group "aks-operators" (the operator is a member; Kubernetes RBAC scenarios bind it). */
  operatorsGroup: 'a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e13',
  /** Entra group "aks-cluster-admins" (the cluster's `adminGroupObjectIDs`; nobody in the default directory). */
  clusterAdminsGroup: 'e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9',
};

/** Two tenants, two users: an operator who is a guest in a partner tenant, and a colleague. */
export function defaultDirectory(): StandInDirectory {
  const d = DEFAULT_IDS;
  return {
    tenants: [
      {
        tenantId: d.contosoTenant,
        displayName: 'Contoso Operations',
        defaultDomain: 'contoso.onmicrosoft.com',
        subscriptions: [
          { subscriptionId: d.prodSubscription, displayName: 'contoso-prod', state: 'Enabled' },
          { subscriptionId: d.devSubscription, displayName: 'contoso-dev', state: 'Enabled' },
        ],
      },
      {
        tenantId: d.fabrikamTenant,
        displayName: 'Fabrikam Partner',
        defaultDomain: 'fabrikam.onmicrosoft.com',
        subscriptions: [{ subscriptionId: d.partnerSubscription, displayName: 'fabrikam-shared', state: 'Enabled' }],
      },
    ],
    users: [
      { oid: d.operatorOid, username: 'ops.admin@contoso.com', name: 'Ops Admin', homeTenantId: d.contosoTenant, tenantIds: [d.contosoTenant, d.fabrikamTenant], groups: [d.operatorsGroup] },
      { oid: d.secondOid, username: 'jun.sato@contoso.com', name: '佐藤 潤', homeTenantId: d.contosoTenant, tenantIds: [d.contosoTenant] },
    ],
  };
}

/** A fresh random tenant id (for tests that need an unknown tenant). */
export function randomTenantId(): string {
  return randomUUID();
}

/**
 * A directory matching an ARM stand-in's world (its `tenants` and `subscriptions` rows), so demo
 * mode and cross-stand-in tests sign in as an operator who reaches exactly those tenants.
 */
export function directoryFromArm(
  tenants: ReadonlyArray<{ tenantId: string; displayName: string; defaultDomain?: unknown }>,
  subscriptions: ReadonlyArray<{ subscriptionId: string; displayName: string; state: string; tenantId: string }>,
): StandInDirectory {
  const home = tenants[0]?.tenantId ?? DEFAULT_IDS.contosoTenant;
  return {
    tenants: tenants.map((t) => ({
      tenantId: t.tenantId,
      displayName: t.displayName,
      defaultDomain: typeof t.defaultDomain === 'string' ? t.defaultDomain : `${t.tenantId.slice(0, 8)}.onmicrosoft.com`,
      subscriptions: subscriptions.filter((s) => s.tenantId === t.tenantId).map(({ subscriptionId, displayName, state }) => ({ subscriptionId, displayName, state })),
    })),
    users: [{ oid: DEFAULT_IDS.operatorOid, username: 'ops.admin@contoso.com', name: 'Ops Admin', homeTenantId: home, tenantIds: tenants.map((t) => t.tenantId), groups: [DEFAULT_IDS.operatorsGroup] }],
  };
}
