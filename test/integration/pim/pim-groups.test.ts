/**
 * PIM for groups against a Graph stand-in: an operator eligible for membership of a group that a
 * Kubernetes role binding names activates it, and kubectl with a token minted after the activation
 * (group claims live in the token) may do what the binding grants, while a token minted before it
 * still may not; the console is told to drop its AKS tokens after each change. Deactivation ends it.
 */
import https from 'node:https';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../src-main/services/audit/audit-record';
import { createGraphClient } from '../../../src-main/services/pim/graph-client';
import { GroupPimService } from '../../../src-main/services/pim/group-pim-service';
import { AKS_AAD_SERVER_APP_ID, clusterAccess, startApiServerStandin, type ApiServerStandIn } from '../../standins/apiserver';
import { DEFAULT_IDS, type StandInUser } from '../../standins/entra/directory';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls } from '../../standins/entra/standin-tls';
import { startGraphPimStandIn, type GraphPimStandIn } from '../../standins/graph/pim-groups';
import { runProgram } from '../kubectl/connectivity-world';
import { kubectlClients, tokenKubeconfig } from '../kubectl/kubectl-clients';

const TENANT = DEFAULT_IDS.contosoTenant;
const OPERATOR = DEFAULT_IDS.operatorOid;
const PIM_GROUP = '7d1e0b52-3c4f-4a8e-9b6d-2f5a8c1e4d90';
const EXTEND_GROUP = 'a3c5e7f9-1b2d-4e6f-8a0c-2e4f6a8c0e12';
const APPROVAL_GROUP = 'b4d6f8a0-2c3e-4f7a-9b1d-3f5a7c9e1f23';
const GROUP_NAMES: Record<string, string> = { [PIM_GROUP]: 'aks-default-editors', [EXTEND_GROUP]: 'aks-ops-extend', [APPROVAL_GROUP]: 'aks-prod-admins' };
const CLUSTER = '/subscriptions/1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const entraTls = makeStandInTls();
let entra: EntraStandIn;
let graph: GraphPimStandIn;
let api: ApiServerStandIn;

beforeAll(async () => {
  entra = await new EntraStandIn(entraTls).start();
  graph = await startGraphPimStandIn({
    onMembership: (oid, groupId, member) => {
      // In place: the stand-in's signed-in user is this same object.
      const user = entra.directory.users.find((u) => u.oid === oid) as { -readonly [K in keyof StandInUser]: StandInUser[K] };
      const groups = (user.groups ?? []).filter((g) => g !== groupId);
      user.groups = member ? [...groups, groupId] : groups;
    },
  });
  const base = clusterAccess('entra-k8s-rbac', { tenantId: TENANT, clusterId: CLUSTER });
  const access = { ...base, bindings: [...base.bindings, { name: 'pim-default-editors', namespace: 'default', role: 'edit', subjects: [{ kind: 'Group' as const, name: PIM_GROUP }] }] };
  api = await startApiServerStandin({ tenantId: TENANT, clusterId: CLUSTER, access, entra: { issuer: entra.accessTokenIssuer(TENANT), jwksUrl: entra.jwksUrl(TENANT), ca: entraTls.caPem } });
});
afterAll(async () => {
  await api?.stop();
  await graph?.stop();
  await entra?.stop();
});

const trusting = (ca: string): HttpClient => {
  const agent = new https.Agent({ ca });
  const inner = createDefaultHttpClient();
  return { sendRequest: (request) => ((request.agent = agent), inner.sendRequest(request)) };
};
const credential: TokenCredential = {
  async getToken(scopes): Promise<AccessToken> {
    return { token: entra.mintAccessToken({ scope: Array.isArray(scopes) ? scopes[0]! : scopes, tenantId: TENANT }), expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

function service(audit: AuditEvent[], changed: { count: number }) {
  return new GroupPimService({
    graph: createGraphClient({ credential, endpoint: graph.url, scope: 'https://graph.microsoft.com/.default', httpClient: trusting(graph.ca) }),
    principalId: async () => OPERATOR,
    audit: { record: async (event) => audit.push(event) },
    groupNames: (id) => GROUP_NAMES[id],
    membershipChanged: async () => {
      changed.count++;
    },
  });
}

const aksToken = () => entra.mintAccessToken({ scope: `${AKS_AAD_SERVER_APP_ID}/.default`, tenantId: TENANT });
async function kubectl(token: string, args: string[]) {
  const config = await tokenKubeconfig(api.url, api.ca, token);
  try {
    return await runProgram(kubectlClients().dispatcher, ['--kubeconfig', config.file, ...args]);
  } finally {
    await config.dispose();
  }
}

describe('PIM for groups through Graph', () => {
  it('eligible → activate → a fresh token carries the group and kubectl may delete (an older token may not) → deactivate → refused again', async () => {
    graph.makeEligible(OPERATOR, PIM_GROUP, 'aks-default-editors', { maxDuration: 'PT4H', justification: true });
    const audit: AuditEvent[] = [];
    const changed = { count: 0 };
    const pim = service(audit, changed);
    const before = await pim.access();
    expect(before.eligible).toEqual([expect.objectContaining({ groupId: PIM_GROUP, groupName: 'aks-default-editors', policy: { maxDurationMinutes: 240, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false } })]);
    expect(before.active).toEqual([]);
    const stale = aksToken();
    const pod = api.state.list('pods', 'default')[0]!.metadata.name;
    expect((await kubectl(stale, ['delete', 'pod', pod])).stderr).toContain(`pods "${pod}" is forbidden`);

    await expect(pim.activate({ eligibilityId: before.eligible[0]!.eligibilityId, durationMinutes: 300, justification: 'x' })).rejects.toMatchObject({ code: 'pim.duration_over_policy' });
    await expect(pim.activate({ eligibilityId: before.eligible[0]!.eligibilityId, durationMinutes: 60 })).rejects.toMatchObject({ code: 'pim.justification_required' });
    expect(graph.requests.size).toBe(0);

    const view = await pim.activate({ eligibilityId: before.eligible[0]!.eligibilityId, durationMinutes: 60, justification: 'INC-4711' });
    expect(view).toMatchObject({ state: 'active', status: 'Provisioned', roleName: 'aks-default-editors' });
    expect(changed.count).toBe(1);
    expect(audit.at(-1)).toMatchObject({ type: 'pim.activate', outcome: 'success', target: PIM_GROUP, details: { kind: 'group', group: 'aks-default-editors', durationMinutes: 60, justification: 'INC-4711' } });
    expect((await pim.access()).active).toEqual([expect.objectContaining({ groupId: PIM_GROUP })]);

    expect((await kubectl(stale, ['delete', 'pod', pod])).stderr).toContain('is forbidden');
    const deleted = await kubectl(aksToken(), ['delete', 'pod', pod]);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);

    const off = await pim.deactivate(PIM_GROUP);
    expect(off).toMatchObject({ state: 'revoked' });
    expect(changed.count).toBe(2);
    const next = api.state.list('pods', 'default')[0]?.metadata.name ?? 'hello-web-0';
    expect((await kubectl(aksToken(), ['delete', 'pod', next])).stderr).toContain('is forbidden');
    expect(audit.at(-1)).toMatchObject({ type: 'pim.deactivate', outcome: 'success', target: PIM_GROUP });
  });

  it('selfExtend lengthens an active membership within the policy (checked before sending and by Graph), is audited, and needs the membership active', async () => {
    const group = EXTEND_GROUP;
    graph.makeEligible(OPERATOR, group, 'aks-ops-extend', { maxDuration: 'PT2H', justification: false });
    const audit: AuditEvent[] = [];
    const changed = { count: 0 };
    const pim = service(audit, changed);
    const e = (await pim.access()).eligible.find((x) => x.groupId === group)!;
    await expect(pim.extend({ eligibilityId: e.eligibilityId, durationMinutes: 60 })).rejects.toMatchObject({ code: 'pim.not_active' });
    await pim.activate({ eligibilityId: e.eligibilityId, durationMinutes: 30 });
    const endsBefore = Date.parse((await pim.access()).active.find((a) => a.groupId === group)!.endsAt!);
    const sent = graph.requests.size;
    await expect(pim.extend({ eligibilityId: e.eligibilityId, durationMinutes: 180 })).rejects.toMatchObject({ code: 'pim.duration_over_policy' });
    expect(graph.requests.size).toBe(sent);

    const view = await pim.extend({ eligibilityId: e.eligibilityId, durationMinutes: 120 });
    expect(view).toMatchObject({ state: 'active', status: 'Provisioned', roleName: 'aks-ops-extend' });
    const endsAfter = Date.parse((await pim.access()).active.find((a) => a.groupId === group)!.endsAt!);
    expect(endsAfter - endsBefore).toBeGreaterThan(80 * 60_000);
    expect([...graph.requests.values()].at(-1)).toMatchObject({ action: 'selfExtend', groupId: group, principalId: OPERATOR });
    expect(audit.at(-1)).toMatchObject({ type: 'pim.extend', outcome: 'success', target: group, details: { kind: 'group', durationMinutes: 120 } });
    expect(graph.active().filter((a) => a.eligibility.groupId === group)).toHaveLength(1);
    await pim.deactivate(group);
  });

  it('an approval-required group ends in pending (no membership, no token renewal); withdrawing leaves nothing to approve; an approved request starts the membership, a denied one does not', async () => {
    const group = APPROVAL_GROUP;
    graph.makeEligible(OPERATOR, group, 'aks-prod-admins', { maxDuration: 'PT1H', justification: true, approval: true });
    const audit: AuditEvent[] = [];
    const changed = { count: 0 };
    const pim = service(audit, changed);
    const e = (await pim.access()).eligible.find((x) => x.groupId === group)!;
    expect(e.policy.approvalRequired).toBe(true);

    const pending = await pim.activate({ eligibilityId: e.eligibilityId, durationMinutes: 30, justification: 'CHG-21' });
    expect(pending).toMatchObject({ state: 'pending-approval', status: 'PendingApproval', roleName: 'aks-prod-admins', scope: group });
    expect(changed.count).toBe(0);
    expect(graph.active().filter((a) => a.eligibility.groupId === group)).toEqual([]);
    const listed = await pim.access();
    expect(listed.pending).toEqual([expect.objectContaining({ requestId: pending.requestId, state: 'pending-approval', roleName: 'aks-prod-admins' })]);
    expect(listed.active.filter((a) => a.groupId === group)).toEqual([]);

    const withdrawn = await pim.cancel(pending.requestId);
    expect(withdrawn).toMatchObject({ state: 'canceled', status: 'Canceled' });
    expect(audit.at(-1)).toMatchObject({ type: 'pim.cancel', outcome: 'success', target: group, details: { kind: 'group', requestId: pending.requestId } });
    expect(() => graph.decide(pending.requestId, 'approve')).toThrow(/not pending approval/);
    await expect(pim.cancel(pending.requestId)).rejects.toMatchObject({ code: 'pim.not_pending' });
    expect((await pim.access()).pending).toEqual([]);

    const denied = await pim.activate({ eligibilityId: e.eligibilityId, durationMinutes: 30, justification: 'CHG-22' });
    graph.decide(denied.requestId, 'deny');
    expect((await pim.access()).pending).toEqual([]);
    expect(graph.active().filter((a) => a.eligibility.groupId === group)).toEqual([]);

    const approved = await pim.activate({ eligibilityId: e.eligibilityId, durationMinutes: 30, justification: 'CHG-23' });
    graph.decide(approved.requestId, 'approve');
    const after = await pim.access();
    expect(after.active).toEqual(expect.arrayContaining([expect.objectContaining({ groupId: group })]));
    expect(after.pending).toEqual([]);
    expect(changed.count).toBe(1);
    await pim.deactivate(group);
  });

  it('a Graph 403 (the app lacks consent) is pim.no_consent and changes nothing', async () => {
    const changed = { count: 0 };
    graph.forbidden = true;
    try {
      await expect(service([], changed).access()).rejects.toMatchObject({ code: 'pim.no_consent' });
    } finally {
      graph.forbidden = false;
    }
    expect(changed.count).toBe(0);
  });
});
