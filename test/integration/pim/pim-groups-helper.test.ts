/**
 * PIM for groups through the real core and kubectl's real credential helper: the operator's kubectl
 * is refused (the token the helper got carries no PIM group); the operator activates the group
 * membership over IPC (Graph stand-in); the very next kubectl call through the helper is allowed,
 * because the broker asks Entra for a token issued after the change instead of the cached one.
 * Deactivating makes the next call refused again.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ConsoleCore } from '../../../src-main/core';
import { helperUserEntry } from '../../../src-main/services/kubeconfig/helper-user-entry';
import { clusterAccess, startApiServerStandin, type ApiServerStandIn } from '../../standins/apiserver';
import { DEFAULT_IDS, type StandInUser } from '../../standins/entra/directory';
import { startGraphPimStandIn, type GraphPimStandIn } from '../../standins/graph/pim-groups';
import { buildCredentialHelper } from '../../support/credential-helper-build';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';
import { runProgram } from '../kubectl/connectivity-world';

const TENANT = DEFAULT_IDS.contosoTenant;
const PIM_GROUP = '7d1e0b52-3c4f-4a8e-9b6d-2f5a8c1e4d90';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const CONTEXT = 'aks-prod-console';
const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };

let f: AuthFixture;
let core: ConsoleCore;
let graph: GraphPimStandIn;
let api: ApiServerStandIn;
let helper: { file: string; dir: string };
let work: string;
let kubeconfig: string;

beforeAll(async () => {
  helper = await buildCredentialHelper();
  work = await mkdtemp(path.join(os.tmpdir(), 'aksc-pim-groups-'));
  const runtimeDir = path.join(work, 'run');
  const helperCommand = { command: process.execPath, args: [helper.file], runtimeDir };
  const box: { f?: AuthFixture } = {};
  graph = await startGraphPimStandIn({
    onMembership: (oid, groupId, member) => {
      const user = box.f!.entra.directory.users.find((u) => u.oid === oid) as { -readonly [K in keyof StandInUser]: StandInUser[K] };
      const groups = (user.groups ?? []).filter((g) => g !== groupId);
      user.groups = member ? [...groups, groupId] : groups;
    },
  });
  f = await startAuthFixture({ auth: { graphEndpoint: graph.url } });
  box.f = f;
  // A core that also trusts the Graph stand-in's CA, with kubectl's credential channel.
  core = f.restart({ extraCaPem: [f.tls.caPem, graph.ca].join('\n'), kubectl: { helper: helperCommand, runtimeDir } });
  const base = clusterAccess('entra-k8s-rbac', { tenantId: TENANT, clusterId: CLUSTER });
  api = await startApiServerStandin({
    tenantId: TENANT,
    clusterId: CLUSTER,
    access: { ...base, bindings: [...base.bindings, { name: 'pim-default-editors', namespace: 'default', role: 'edit', subjects: [{ kind: 'Group' as const, name: PIM_GROUP }] }] },
    entra: { issuer: f.entra.accessTokenIssuer(TENANT), jwksUrl: f.entra.jwksUrl(TENANT), ca: f.tls.caPem },
  });
  await core.kubectl!.start();
  await core.auth.signIn('interactive');
  kubeconfig = path.join(work, 'kubeconfig');
  await writeFile(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: CONTEXT, cluster: { server: api.url, 'certificate-authority-data': Buffer.from(api.ca).toString('base64') } }],
      users: [{ name: CONTEXT, user: helperUserEntry(helperCommand, CLUSTER, CONTEXT) }],
      contexts: [{ name: CONTEXT, context: { cluster: CONTEXT, user: CONTEXT } }],
      'current-context': CONTEXT,
    }),
    { mode: 0o600 },
  );
  await core.kubectl!.registry.register({ clusterId: CLUSTER, contextName: CONTEXT, tenantId: TENANT, path: kubeconfig, source: 'kubeconfig', writtenAt: new Date().toISOString() });
}, 90_000);

afterAll(async () => {
  await api?.stop();
  await f?.close();
  await graph?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  if (helper) await rm(helper.dir, { recursive: true, force: true });
});

const kubectl = (...args: string[]) => runProgram('kubectl', ['--request-timeout=20s', ...args], { PATH: process.env.PATH, HOME: work, KUBECONFIG: kubeconfig }, 30_000);

describe('PIM for groups with kubectl through the console\'s credential helper', () => {
  it('refused → activate the group over IPC → the next call through the helper is allowed (fresh token) → deactivate → refused', async () => {
    graph.makeEligible(DEFAULT_IDS.operatorOid, PIM_GROUP, 'aks-default-editors', { maxDuration: 'PT4H', justification: true });
    const pods = api.state.list('pods', 'default').map((p) => p.metadata.name);
    const refused = await kubectl('delete', 'pod', pods[0]!);
    expect(refused.stderr).toContain(`pods "${pods[0]}" is forbidden`);

    const groups = await core.router.dispatch('pim.groups', undefined, sender);
    expect(groups).toMatchObject({ ok: true, data: { eligible: [{ groupId: PIM_GROUP, policy: { maxDurationMinutes: 240, justificationRequired: true } }], active: [] } });
    const eligibilityId = (groups as { data: { eligible: Array<{ eligibilityId: string }> } }).data.eligible[0]!.eligibilityId;
    const activated = await core.router.dispatch('pim.groupActivate', { eligibilityId, durationMinutes: 60, justification: 'INC-4711' }, sender);
    expect(activated).toMatchObject({ ok: true, data: { state: 'active', status: 'Provisioned' } });

    const deleted = await kubectl('delete', 'pod', pods[0]!);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout.trim()).toBe(`pod "${pods[0]}" deleted`);

    expect(await core.router.dispatch('pim.groupDeactivate', { groupId: PIM_GROUP }, sender)).toMatchObject({ ok: true, data: { state: 'revoked' } });
    const again = await kubectl('delete', 'pod', pods[1]!);
    expect(again.stderr).toContain(`pods "${pods[1]}" is forbidden`);
  });
});
