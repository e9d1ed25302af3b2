/**
 * kubectl through each access path the guide draws, authenticated by the console's own credential
 * helper, against the spoke's Entra + Azure RBAC API server: the real console core (signed in to the
 * Entra stand-in, its own Bastion client, its own tunnels and kubeconfig exporter), the real native
 * helper (what the kubeconfig calls where it is built; the Node helper runs in credential-helper.test.ts),
 * the machine's real kubectl (oldest and newest client), real OpenSSH on the jump box, namespaces.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src-main/core';
import { startSimulatedCloud, type SimulatedCloud } from '../../demo/simulated-cloud';
import { grantAksRole } from '../../standins/arm';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { createTestBrowser, type TestBrowser } from '../../standins/entra/test-browser';
import { testCoreOptions } from '../../support/core-options';
import { buildNativeHelper } from '../../support/credential-helper-build';
import { findSecrets, readTree } from '../auth/secret-scan';
import { runProgram, until } from './connectivity-world';
import { kubectlClients } from './kubectl-clients';
import { MemoryLogger } from '../../support/memory-logger';

/** This engineer's slot: the file reconfigures the spoke's API server. */
const SLOT = 14;
/** The stand-in directory's operator (the scenario gives them Azure Kubernetes Service RBAC Reader). */
const OPERATOR_OID = DEFAULT_IDS.operatorOid;
const HEALTH_AND_VERSION = ['/version', '/healthz', '/readyz', '/livez'];

let cloud: SimulatedCloud;
let core: ConsoleCore;
let nativeHelper: string;
let appDataDir: string;
let work: string;
let upn: string;
const log = new MemoryLogger();

beforeAll(async () => {
  nativeHelper = await buildNativeHelper();
  appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-helper-paths-'));
  work = await mkdtemp(path.join(os.tmpdir(), 'aksc-helper-paths-home-'));
  const late: { browser?: TestBrowser } = {};
  cloud = await startSimulatedCloud({ slot: SLOT, topology: true, access: 'entra-azure-rbac', openBrowser: (url) => late.browser!.open(url) });
  late.browser = createTestBrowser(String(cloud.core.extraCaPem));
  const runtimeDir = path.join(appDataDir, 'run');
  core = createConsoleCore(
    testCoreOptions(
      { appDataDir, log, isTrustedSender: () => true, config: cloud.config },
      { ...cloud.core, kubectl: { helper: { command: nativeHelper, args: [] }, runtimeDir } },
    ),
  );
  await core.kubectl!.start();
  await core.auth.signIn('interactive');
  upn = (await core.auth.status()).account!.username;
  await until(() => core.azure.tenant() !== null, 'the signed-in tenant');
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await cloud?.close();
  for (const dir of [appDataDir, work]) if (dir) await rm(dir, { recursive: true, force: true });
});

const ids = () => cloud.arm.world.meta;
const topology = () => cloud.topology!;

/** Writes the tunnel's context through the console's exporter (main picks the file) and says which credential it uses. */
async function writeContext(tunnelName: string, contextName: string): Promise<string> {
  const preview = await core.connectivity.kubeconfig!.preview({ clusterId: ids().clusterId, tunnelName, contextName, target: 'pick' });
  expect(preview.credential).toBe('console-helper');
  const file = (await core.connectivity.kubeconfig!.apply(preview.previewId)).path;
  expect(await readFile(file, 'utf8')).toContain(`command: ${nativeHelper}`);
  return file;
}

type Hop = { serverName: string; username: string; namespace: string; freshTokenAfterChallenge: boolean; checks: Array<{ id: string; allowed: boolean; reason: string | null }> };

/** The API server hop's proof, asked for as the renderer does (through the router). */
async function apiHop(tunnelName: string, namespace: string): Promise<Hop> {
  const answer = await core.router.dispatch('kubectl.apiHop', { clusterId: ids().clusterId, tunnelName, namespace }, { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' });
  expect(answer).toMatchObject({ ok: true });
  return (answer as { data: Hop }).data;
}

/** kubectl with only the written kubeconfig: no token anywhere but what the helper hands over. */
function kubectl(client: string, file: string, context: string, ...args: string[]) {
  return runProgram(client, ['--kubeconfig', file, '--context', context, '--cache-dir', path.join(work, 'cache', context), '--request-timeout=20s', ...args], { PATH: process.env.PATH, HOME: work }, 40_000);
}

/** whoami, get pods -A, logs and can-i --list with the oldest and the newest kubectl client. */
async function expectOperatorWorks(file: string, context: string): Promise<void> {
  const { oldest, newest } = kubectlClients();
  for (const client of [oldest, newest]) {
    const whoami = await kubectl(client.file, file, context, 'auth', 'whoami');
    expect(whoami.stderr, client.version).toBe('');
    expect(whoami.stdout, client.version).toMatch(new RegExp(`Username\\s+${upn.replace(/\./g, '\\.')}`));
    const pods = await kubectl(client.file, file, context, 'get', 'pods', '-A');
    expect(pods.stderr, client.version).toBe('');
    expect(pods.stdout, client.version).toMatch(/^payments\s+payments-api-\S+\s+1\/1\s+Running/m);
    const pod = /^payments\s+(payments-api-\S+)/m.exec(pods.stdout)![1]!;
    const logs = await kubectl(client.file, file, context, 'logs', '-n', 'payments', pod);
    expect(logs, client.version).toMatchObject({ code: 0, stderr: '' });
    expect(logs.stdout.trim().length, client.version).toBeGreaterThan(0);
    const rules = await kubectl(client.file, file, context, 'auth', 'can-i', '--list', '-n', 'payments');
    expect(rules.stderr, client.version).toBe('');
    expect(rules.stdout, client.version).toMatch(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]/m);
  }
}

describe('kubectl as the operator through every path, the token from the console\'s helper (real kubectl, sshd, Bastion stand-in)', () => {
  it('(a) SSH local forward through the jump box', async () => {
    const { manager, keys, seeder } = core.connectivity;
    await seeder!.seed(ids().jumpBoxId!, [{ host: topology().jumpBox.ip, port: topology().jumpBox.port }]);
    const { keyId } = await keys.import('topology client', topology().clientPrivateKey);
    const target = { route: { kind: 'direct' as const, host: topology().jumpBox.ip, port: topology().jumpBox.port }, username: topology().jumpBox.user, auth: { method: 'key' as const, keyId }, vmResourceId: ids().jumpBoxId! };
    await manager.openTunnel('via-jump', { kind: 'ssh', target, remoteHost: topology().apiServer.fqdn, remotePort: 443 });
    await until(() => manager.listTunnels().find((t) => t.name === 'via-jump')?.state === 'ready', 'tunnel ready');
    const file = await writeContext('via-jump', 'aks-prod-via-jump');
    await expectOperatorWorks(file, 'aks-prod-via-jump');
    await manager.closeTunnel('via-jump');
  });

  it('(b) SSH over Bastion to the jump box, then a forward to the API server', async () => {
    const { manager, keys } = core.connectivity;
    const keyId = (await keys.list())[0]!.keyId;
    const target = { route: { kind: 'bastion' as const, bastionId: ids().bastionId!, targetResourceId: ids().jumpBoxId!, port: 22 }, username: topology().jumpBox.user, auth: { method: 'key' as const, keyId } };
    await manager.openTunnel('via-bastion-jump', { kind: 'ssh', target, remoteHost: topology().apiServer.fqdn, remotePort: 443 });
    await until(() => manager.listTunnels().find((t) => t.name === 'via-bastion-jump')?.state === 'ready', 'tunnel ready');
    const file = await writeContext('via-bastion-jump', 'aks-prod-via-bastion-jump');
    await expectOperatorWorks(file, 'aks-prod-via-bastion-jump');
    await manager.closeTunnel('via-bastion-jump');
  });

  it('(c) Bastion straight to the API server; a reader is refused delete pod, the writer role lets the same command through', async () => {
    const { manager } = core.connectivity;
    await manager.openTunnel('via-bastion', { kind: 'bastion', bastionId: ids().bastionId!, targetResourceId: ids().clusterId, port: 443 });
    const context = 'aks-prod-via-bastion';
    const file = await writeContext('via-bastion', context);
    await expectOperatorWorks(file, context);

    const hop = await apiHop('via-bastion', 'default');
    expect(hop).toMatchObject({ serverName: topology().apiServer.fqdn, username: upn, namespace: 'default', freshTokenAfterChallenge: false });
    expect(hop.checks.map((c) => [c.id, c.allowed])).toEqual([['list-pods', true], ['read-logs', true], ['exec', false], ['apply-deployments', false], ['delete-pods', false]]);
    expect(hop.checks[0]!.reason).toBe('allowed by Azure role "Azure Kubernetes Service RBAC Reader"');

    const client = kubectlClients().dispatcher;
    const pod = (await kubectl(client, file, context, 'get', 'pods', '-n', 'default', '-o', 'name')).stdout.trim().split('\n')[0]!.replace('pod/', '');
    expect(pod).not.toBe('');
    expect((await kubectl(client, file, context, 'auth', 'can-i', 'delete', 'pods', '-n', 'default')).stdout.trim()).toBe('no');
    const refused = await kubectl(client, file, context, 'delete', 'pod', '-n', 'default', pod);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`pods "${pod}" is forbidden: User "${upn}" cannot delete resource "pods" in API group "" in the namespace "default": User does not have access to the resource in Azure.`);

    grantAksRole(cloud.arm.world, OPERATOR_OID, 'writer');
    cloud.syncApiServer();
    const deleted = await kubectl(client, file, context, 'delete', 'pod', '-n', 'default', pod);
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);
    const after = await apiHop('via-bastion', 'default');
    expect(after.checks.find((c) => c.id === 'delete-pods')).toMatchObject({ allowed: true, reason: 'allowed by Azure role "Azure Kubernetes Service RBAC Writer"' });
    await manager.closeTunnel('via-bastion');
  });

  it('CAE: after the operator\'s sessions are revoked, kubectl is refused; the API hop meets the claims challenge, gets a fresh token and hands the challenge to the broker, and kubectl works again', async () => {
    const { manager } = core.connectivity;
    await manager.openTunnel('via-bastion-cae', { kind: 'bastion', bastionId: ids().bastionId!, targetResourceId: ids().clusterId, port: 443 });
    const context = 'aks-prod-cae';
    const file = await writeContext('via-bastion-cae', context);
    const client = kubectlClients().dispatcher;
    expect(await kubectl(client, file, context, 'get', 'pods', '-n', 'payments', '-o', 'name')).toMatchObject({ code: 0, stderr: '' });
    // Every token so far was issued in an earlier second than the revocation (the stand-in compares whole seconds).
    await new Promise((r) => setTimeout(r, 1100));
    cloud.revokeSessions();
    const refused = await kubectl(client, file, context, 'get', 'pods', '-n', 'payments', '-o', 'name');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Unauthorized|must be logged in/);
    // A cached token is served without asking Entra; a token asked for with a challenge's claims skips the cache.
    const tokenRequests = () => cloud.entra.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/token')).length;
    const before = tokenRequests();
    expect((await kubectl(client, file, context, 'get', 'pods', '-n', 'payments')).code).not.toBe(0);
    expect(tokenRequests()).toBe(before);

    const hop = await apiHop('via-bastion-cae', 'payments');
    expect(hop).toMatchObject({ username: upn, freshTokenAfterChallenge: true });
    expect(tokenRequests()).toBe(before + 1);
    const again = await kubectl(client, file, context, 'get', 'pods', '-n', 'payments', '-o', 'name');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain('pod/payments-api-');
    // The broker asked for kubectl's next token with the challenge's claims too.
    expect(tokenRequests()).toBe(before + 2);
    await manager.closeTunnel('via-bastion-cae');
  });

  it('no anonymous request beyond health and version reached the API server, every token was audited, and no token was written anywhere', async () => {
    const seen = topology().apiRequests();
    // Unauthenticated requests are only health/version, or the tokens refused after the revocation (CAE).
    expect(seen.filter((r) => r.user === null && !HEALTH_AND_VERSION.includes(r.path) && !/CAE/.test(r.authError ?? ''))).toEqual([]);
    expect(seen.filter((r) => r.user === upn).length).toBeGreaterThan(20);
    const { records } = await core.audit.list({ types: ['kubectl.token'] });
    expect(new Set(records.map((r) => r.details?.context))).toEqual(new Set(['aks-prod-via-jump', 'aks-prod-via-bastion-jump', 'aks-prod-via-bastion', 'aks-prod-cae']));
    const issued = cloud.entra.issuedSecrets;
    expect(issued.size).toBeGreaterThan(0);
    expect(findSecrets(log.lines.join('\n'), issued)).toEqual([]);
    expect(findSecrets(JSON.stringify(seen), issued)).toEqual([]);
    for (const dir of [appDataDir, work, cloud.homeDir]) {
      for (const { file, text } of await readTree(dir)) expect(findSecrets(text, issued), file).toEqual([]);
    }
  });
});
