/**
 * PIM for Azure resource roles, end to end against the stand-ins: the console's PimService (the
 * official `@azure/arm-authorization` SDK) lists the operator's eligibility and its policy from the
 * ARM stand-in, activates it, and the API server stand-in (Azure RBAC read from the same world)
 * lets the real kubectl do what the role grants; deactivation takes it away again. Policy limits
 * are refused before anything is sent, and again by the stand-in when a client skips the check.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subject } from '../../../src-main/services/azure/arm-subject';
import type { AuditEvent } from '../../../src-main/services/audit/audit-record';
import { createPimClient } from '../../../src-main/services/pim/pim-client';
import { toPimError } from '../../../src-main/services/pim/pim-errors';
import { PimService } from '../../../src-main/services/pim/pim-service';
import { startApiServerStandin, type ApiServerStandIn } from '../../standins/apiserver';
import { ageActivations, assignmentsOf, decide, makeEligible, MINIMUM_ACTIVE_MS, pimOf, startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { standInHttpClient } from '../../standins/arm/client';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls } from '../../standins/entra/standin-tls';
import { runProgram } from '../kubectl/connectivity-world';
import { kubectlClients, tokenKubeconfig } from '../kubectl/kubectl-clients';
import { MemoryLogger } from '../../support/memory-logger';

const TENANT = DEFAULT_IDS.contosoTenant;
const OPERATOR = DEFAULT_IDS.operatorOid;
const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
const ARM_SCOPE = 'https://management.azure.com/.default';
const entraTls = makeStandInTls();
let entra: EntraStandIn;
let arm: ArmStandIn;
let api: ApiServerStandIn;

beforeAll(async () => {
  entra = await new EntraStandIn(entraTls).start();
  arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', tenantId: TENANT, access: 'entra-azure-rbac' });
  api = await startApiServerStandin({
    tenantId: TENANT,
    clusterId: arm.world.meta.clusterId,
    access: arm.world.meta.access!,
    entra: { issuer: entra.accessTokenIssuer(TENANT), jwksUrl: entra.jwksUrl(TENANT), ca: entraTls.caPem },
    roleAssignments: () => assignmentsOf(arm.world),
  });
});
afterAll(async () => {
  await api?.stop();
  await arm?.stop();
  await entra?.stop();
});

/** The operator's tokens as the Entra stand-in issues them (ARM reads `oid` for asTarget()). */
const credential: TokenCredential = {
  async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken> {
    const scope = Array.isArray(scopes) ? scopes[0]! : scopes;
    return { token: entra.mintAccessToken({ scope, tenantId: options?.tenantId ?? TENANT }), expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function pim(audit: AuditEvent[] = []) {
  const client = createPimClient({ credential, endpoint: arm.url, scope: ARM_SCOPE, httpClient: standInHttpClient(arm), retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 20 } });
  const service = new PimService({
    client,
    principalId: async () => OPERATOR,
    audit: { record: async (event) => audit.push(event) },
    log: new MemoryLogger(),
    pollIntervalMs: 20,
    settleTimeoutMs: 5_000,
  });
  return { client, service, audit };
}

async function kubectl(args: string[]) {
  const config = await tokenKubeconfig(api.url, api.ca, entra.mintAccessToken({ scope: AKS_SCOPE, tenantId: TENANT }));
  try {
    return await runProgram(kubectlClients().dispatcher, ['--kubeconfig', config.file, ...args]);
  } finally {
    await config.dispose();
  }
}

const puts = () => arm.requests.filter((r) => r.method === 'PUT' && /roleAssignmentScheduleRequests/i.test(r.path));
const firstPod = (ns = 'default') => api.state.list('pods', ns)[0]!.metadata.name;

describe('PIM for Azure resource roles against the ARM and API server stand-ins', () => {
  it('eligible → activate with justification → provisioned → kubectl may delete → deactivate → refused again; each step audited', async () => {
    makeEligible(arm.world, OPERATOR, 'writer', { policy: { maxDuration: 'PT8H', justification: true } });
    const { service, audit } = pim();
    const before = await service.access([arm.world.meta.clusterId, arm.world.meta.jumpBoxId!]);
    const writer = before.eligible.find((e) => e.roleName === 'Azure Kubernetes Service RBAC Writer')!;
    expect(writer).toMatchObject({ scope: arm.world.meta.clusterId, scopeName: 'aks-prod', policy: { maxDurationMinutes: 480, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false } });
    expect(before.active).toEqual([]);

    const pod = firstPod();
    const refused = await kubectl(['delete', 'pod', pod]);
    expect(refused.stderr).toContain(`pods "${pod}" is forbidden`);

    const activated = await service.activate({ eligibilityId: writer.eligibilityId, durationMinutes: 60, justification: 'INC-4711 stuck pod' });
    expect(activated).toMatchObject({ state: 'active', status: 'Provisioned', roleName: 'Azure Kubernetes Service RBAC Writer', scope: arm.world.meta.clusterId });
    expect(Date.parse(activated.endsAt!) - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'success', target: arm.world.meta.clusterId, details: { role: 'Azure Kubernetes Service RBAC Writer', scope: arm.world.meta.clusterId, durationMinutes: 60, justification: 'INC-4711 stuck pod', status: 'Provisioned' } });

    const deleted = await kubectl(['delete', 'pod', pod]);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);

    const during = await service.access([arm.world.meta.clusterId]);
    expect(during.active).toHaveLength(1);
    expect(during.active[0]).toMatchObject({ roleName: 'Azure Kubernetes Service RBAC Writer', scope: arm.world.meta.clusterId });

    const extended = await service.extend({ eligibilityId: writer.eligibilityId, durationMinutes: 120, justification: 'INC-4711 still working' });
    expect(extended.state).toBe('active');
    const afterExtend = await service.access([arm.world.meta.clusterId]);
    expect(Date.parse(afterExtend.active[0]!.endsAt!) - Date.now()).toBeGreaterThan(115 * 60_000);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.extend', outcome: 'success', details: { durationMinutes: 120 } });

    ageActivations(arm.world, MINIMUM_ACTIVE_MS);
    await service.access([arm.world.meta.clusterId]);
    const done = await service.deactivate(afterExtend.active[0]!.instanceId);
    expect(done).toMatchObject({ state: 'revoked', status: 'Revoked' });
    expect(audit.at(-1)).toMatchObject({ type: 'pim.deactivate', outcome: 'success', target: arm.world.meta.clusterId });
    const other = firstPod('payments');
    const again = await kubectl(['delete', 'pod', '-n', 'payments', other]);
    expect(again.stderr).toContain(`pods "${other}" is forbidden`);
    expect(api.state.get('pods', 'payments', other)).toBeDefined();
    expect((await service.access([arm.world.meta.clusterId])).active).toEqual([]);
    expect(JSON.stringify(audit)).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('policy limits are refused before any request is sent (duration, justification, ticket), and the stand-in refuses them too when a client skips the check', async () => {
    const e = makeEligible(arm.world, OPERATOR, 'admin', { scope: `${arm.world.meta.clusterId}/namespaces/payments`, policy: { maxDuration: 'PT2H', justification: true, ticket: true } });
    const { service, client, audit } = pim();
    const listed = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.roleName === 'Azure Kubernetes Service RBAC Admin')!;
    expect(listed.policy).toMatchObject({ maxDurationMinutes: 120, justificationRequired: true, ticketRequired: true });
    const sent = puts().length;
    await expect(service.activate({ eligibilityId: listed.eligibilityId, durationMinutes: 180, justification: 'x', ticketNumber: '1', ticketSystem: 'ServiceNow' })).rejects.toMatchObject({ code: 'pim.duration_over_policy' });
    await expect(service.activate({ eligibilityId: listed.eligibilityId, durationMinutes: 60, justification: '  ', ticketNumber: '1', ticketSystem: 'ServiceNow' })).rejects.toMatchObject({ code: 'pim.justification_required' });
    await expect(service.activate({ eligibilityId: listed.eligibilityId, durationMinutes: 60, justification: 'why' })).rejects.toMatchObject({ code: 'pim.ticket_required' });
    expect(puts().length).toBe(sent);
    expect(audit).toEqual([]);

    const raw = (body: object) => client.roleAssignmentScheduleRequests.create(e.scope.slice(1), crypto.randomUUID(), { principalId: OPERATOR, roleDefinitionId: e.roleDefinitionId, requestType: 'SelfActivate', scheduleInfo: { startDateTime: new Date(), expiration: { type: 'AfterDuration', duration: 'PT1H' } }, justification: 'why', ticketInfo: { ticketNumber: '1', ticketSystem: 'ServiceNow' }, ...body });
    const over = await raw({ scheduleInfo: { startDateTime: new Date(), expiration: { type: 'AfterDuration', duration: 'PT3H' } } }).catch((error: unknown) => error);
    expect(toPimError(over, subject('pim-role', 'RBAC Admin'))).toMatchObject({ code: 'pim.duration_over_policy' });
    const noTicket = await raw({ ticketInfo: {} }).catch((error: unknown) => error);
    expect(toPimError(noTicket, subject('pim-role', 'RBAC Admin'))).toMatchObject({ code: 'pim.ticket_required' });
    expect(pimOf(arm.world).active.filter((a) => a.eligibility === e)).toEqual([]);
  });

  it('approval required ends in pending (no access meanwhile); withdrawing it leaves nothing to approve later; a denial is reported as such', async () => {
    makeEligible(arm.world, OPERATOR, 'cluster-admin', { policy: { approval: true } });
    const { service, audit } = pim();
    const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.roleName === 'Azure Kubernetes Service RBAC Cluster Admin')!;
    const pending = await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'change CHG-12' });
    expect(pending).toMatchObject({ state: 'pending-approval', status: 'PendingApproval' });
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'success', details: { status: 'PendingApproval' } });
    expect((await service.access([arm.world.meta.clusterId])).pending.map((p) => p.requestId)).toContain(pending.requestId);
    expect((await kubectl(['get', 'nodes'])).stderr).toContain('forbidden');

    const withdrawn = await service.cancel(pending.requestId);
    expect(withdrawn.state).toBe('canceled');
    expect(audit.at(-1)).toMatchObject({ type: 'pim.cancel', details: { requestId: pending.requestId } });
    expect(() => decide(arm.world, pending.requestId.split('/').at(-1)!, 'approve')).toThrow(/not pending approval/);
    expect((await kubectl(['get', 'nodes'])).stderr).toContain('forbidden');

    const second = await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'change CHG-13' });
    decide(arm.world, second.requestId.split('/').at(-1)!, 'deny');
    expect(await service.status(second.requestId)).toMatchObject({ state: 'denied', status: 'Denied' });
    expect((await service.access([arm.world.meta.clusterId])).active).toEqual([]);
  });

  it('an eligibility that expired between listing and activation, and a 403 for lack of consent, are clear errors and leave nothing active', async () => {
    const e = makeEligible(arm.world, OPERATOR, 'writer', { scope: `${arm.world.meta.clusterId}/namespaces/payments` });
    const { service, audit } = pim();
    const listed = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope === e.scope && x.roleName.endsWith('Writer'))!;
    e.end = new Date(Date.now() - 1000).toISOString();
    const rows = arm.world.roleAssignments.length;
    await expect(service.activate({ eligibilityId: listed.eligibilityId, durationMinutes: 30, justification: 'late' })).rejects.toMatchObject({ code: 'pim.eligibility_gone' });
    expect(arm.world.roleAssignments.length).toBe(rows);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'failure', details: { error: 'pim.eligibility_gone' } });

    pimOf(arm.world).forbidden = true;
    try {
      await expect(service.access([arm.world.meta.clusterId])).rejects.toMatchObject({ code: 'pim.no_consent' });
    } finally {
      pimOf(arm.world).forbidden = false;
    }
  });

  it('ARM keeps an activation at least 5 minutes: an early deactivation is refused before sending and by the stand-in, and goes through once the time has passed', async () => {
    const e = makeEligible(arm.world, OPERATOR, 'writer', { scope: `${arm.world.meta.clusterId}/namespaces/tools`, policy: { justification: false } });
    const { service, client, audit } = pim();
    const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope === e.scope)!;
    await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30 });
    const active = (await service.access([arm.world.meta.clusterId])).active.find((a) => a.scope === e.scope)!;
    const sent = puts().length;
    await expect(service.deactivate(active.instanceId)).rejects.toMatchObject({ code: 'pim.active_too_short' });
    expect(puts().length).toBe(sent);

    const early = await client.roleAssignmentScheduleRequests.create(e.scope.slice(1), crypto.randomUUID(), { principalId: OPERATOR, roleDefinitionId: e.roleDefinitionId, requestType: 'SelfDeactivate' }).catch((error: unknown) => error);
    expect((early as { code?: string }).code).toBe('ActiveDurationTooShort');
    expect(toPimError(early, subject('pim-role', 'RBAC Writer'))).toMatchObject({ code: 'pim.active_too_short' });
    expect(pimOf(arm.world).active.filter((a) => a.eligibility === e)).toHaveLength(1);

    ageActivations(arm.world, MINIMUM_ACTIVE_MS);
    const aged = (await service.access([arm.world.meta.clusterId])).active.find((a) => a.scope === e.scope)!;
    expect(await service.deactivate(aged.instanceId)).toMatchObject({ state: 'revoked' });
    expect(audit.at(-1)).toMatchObject({ type: 'pim.deactivate', outcome: 'success', target: e.scope });
    expect(pimOf(arm.world).active.filter((a) => a.eligibility === e)).toEqual([]);
  });

  it('a request ARM provisions after a delay is followed until it is active', async () => {
    makeEligible(arm.world, OPERATOR, 'writer', { scope: `${arm.world.meta.clusterId}/namespaces/kube-system`, policy: { justification: false } });
    pimOf(arm.world).provisioningDelayMs = 150;
    try {
      const { service } = pim();
      const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope.endsWith('/namespaces/kube-system'))!;
      const view = await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 15 });
      expect(view).toMatchObject({ state: 'active', status: 'Provisioned' });
      const gets = arm.requests.filter((r) => r.method === 'GET' && r.path.endsWith(view.requestId.split('/').at(-1)!));
      expect(gets.length).toBeGreaterThan(0);
    } finally {
      pimOf(arm.world).provisioningDelayMs = 0;
    }
  });
});
