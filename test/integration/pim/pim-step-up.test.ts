/**
 * PIM activation under a policy that demands MFA or an authentication context: ARM refuses the
 * first request (`MfaRule`, or `RoleAssignmentRequestAcrsValidationFailed` with the claims to ask
 * for), the console steps the operator's sign-in up through its interactive sign-in (browser and
 * PKCE against the Entra stand-in, the claims in the authorize request, never a device code) and
 * sends the activation once more with the new token, which ARM then accepts. When the operator
 * cancels the step-up, nothing is activated and the error says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src-main/services/audit/audit-record';
import { createPimService } from '../../../src-main/services/pim';
import { makeEligible, pimOf, startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { standInHttpClient } from '../../standins/arm/client';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { MemoryLogger } from '../../support/memory-logger';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';

const TENANT = DEFAULT_IDS.contosoTenant;
const ARM_SCOPE = 'https://management.azure.com/.default';
let f: AuthFixture;
let arm: ArmStandIn;

beforeAll(async () => {
  f = await startAuthFixture();
  await f.core.auth.signIn('interactive');
  arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', tenantId: TENANT, access: 'entra-azure-rbac' });
});
afterAll(async () => {
  await arm?.stop();
  await f?.close();
});

function pim(audit: AuditEvent[] = []) {
  const service = createPimService({
    credential: f.core.auth,
    tenant: () => TENANT,
    endpoint: arm.url,
    scope: ARM_SCOPE,
    httpClient: standInHttpClient(arm),
    retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 20 },
    pollIntervalMs: 20,
    audit: { record: async (event) => void audit.push(event) },
    log: new MemoryLogger(),
    stepUp: (claims) => f.core.auth.stepUp(claims),
  });
  return { service, audit };
}

const puts = () => arm.requests.filter((r) => r.method === 'PUT' && /roleAssignmentScheduleRequests/i.test(r.path));
const deviceCodes = () => f.entra.requests.filter((r) => r.path.endsWith('/devicecode') || r.grant === 'device_code');
const activeFor = (scope: string) => pimOf(arm.world).active.filter((a) => a.eligibility.scope === scope);

describe('PIM activation that needs a step-up sign-in', () => {
  it('an MFA policy: ARM refuses, the console signs in again in the browser asking for amr=mfa, and the retried activation is provisioned', async () => {
    const e = makeEligible(arm.world, DEFAULT_IDS.operatorOid, 'writer', { scope: `${arm.world.meta.clusterId}/namespaces/payments`, policy: { mfa: true } });
    const { service, audit } = pim();
    const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope === e.scope)!;
    expect(role.policy.mfaRequired).toBe(true);
    const [sent, opened] = [puts().length, f.browser.opened.length];
    const view = await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'INC-5 payments' });
    expect(view).toMatchObject({ state: 'active', status: 'Provisioned' });
    expect(puts().length - sent).toBe(2);
    expect(arm.requests.filter((r) => r.method === 'PUT').at(-2)).toMatchObject({ status: 400 });
    expect(f.browser.opened.length - opened).toBe(1);
    expect(JSON.parse(f.entra.stepUps.at(-1)!)).toMatchObject({ access_token: { amr: { essential: true, values: ['mfa'] } } });
    expect(deviceCodes()).toEqual([]);
    expect(activeFor(e.scope)).toHaveLength(1);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'success', details: { status: 'Provisioned' } });
    expect((await f.core.auth.status()).state).toBe('signed-in');
  });

  it('an authentication context: ARM names the acrs claims in its refusal, the step-up asks for exactly those, and the new token carries them', async () => {
    const e = makeEligible(arm.world, DEFAULT_IDS.operatorOid, 'admin', { scope: `${arm.world.meta.clusterId}/namespaces/payments`, policy: { authContext: 'c7' } });
    const { service } = pim();
    const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope === e.scope && x.roleName.endsWith('Admin'))!;
    expect(role.policy.mfaRequired).toBe(true);
    const view = await service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'INC-6' });
    expect(view.state).toBe('active');
    expect(JSON.parse(f.entra.stepUps.at(-1)!)).toMatchObject({ access_token: { acrs: { essential: true, value: 'c7' } } });
    expect(activeFor(e.scope).map((a) => a.eligibility.roleName)).toContain('Azure Kubernetes Service RBAC Admin');
    expect(deviceCodes()).toEqual([]);
  });

  it('the operator cancels the step-up in the browser: nothing is activated, the error says so, and the failure is audited', async () => {
    const e = makeEligible(arm.world, DEFAULT_IDS.operatorOid, 'writer', { scope: `${arm.world.meta.clusterId}/namespaces/kube-system`, policy: { authContext: 'c9' } });
    const { service, audit } = pim();
    const role = (await service.access([arm.world.meta.clusterId])).eligible.find((x) => x.scope === e.scope)!;
    const sent = puts().length;
    f.entra.faults.authorizeError = { error: 'access_denied', description: 'AADSTS50126: the user cancelled the sign-in' };
    try {
      await expect(service.activate({ eligibilityId: role.eligibilityId, durationMinutes: 30, justification: 'INC-7' })).rejects.toMatchObject({ code: 'pim.step_up_cancelled' });
    } finally {
      f.entra.faults.authorizeError = undefined;
    }
    expect(puts().length - sent).toBe(1);
    expect(activeFor(e.scope)).toEqual([]);
    expect([...pimOf(arm.world).requests.values()].filter((r) => (r.properties as { linkedRoleEligibilityScheduleId?: string }).linkedRoleEligibilityScheduleId === e.name)).toEqual([]);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'failure', details: { error: 'pim.step_up_cancelled' } });
    expect((await f.core.auth.status()).state).toBe('signed-in');
    expect(deviceCodes()).toEqual([]);
  });
});
