/**
 * CAE from ARM reaches kubectl's token broker: after the operator's sessions are revoked, ARM (the
 * stand-in, with its claims-challenge knob) answers the console's next call with 401
 * `insufficient_claims`. The console's Azure pipeline answers it once with a token asked for with
 * those claims (no device code), and the challenge goes to the broker, so the next AKS token kubectl
 * gets is a fresh one too, not MSAL's cached token minted before the revocation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src-main/core';
import { startSimulatedCloud, type SimulatedCloud } from '../../demo/simulated-cloud';
import { createTestBrowser, type TestBrowser } from '../../standins/entra/test-browser';
import { testCoreOptions } from '../../support/core-options';
import { MemoryLogger } from '../../support/memory-logger';
import { until } from './connectivity-world';

const CONTEXT = 'aks-prod-cae-arm';
let cloud: SimulatedCloud;
let core: ConsoleCore;
let appDataDir: string;

beforeAll(async () => {
  appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-arm-cae-'));
  const late: { browser?: TestBrowser } = {};
  cloud = await startSimulatedCloud({ topology: false, access: 'entra-azure-rbac', openBrowser: (url) => late.browser!.open(url) });
  late.browser = createTestBrowser(String(cloud.core.extraCaPem));
  const runtimeDir = path.join(appDataDir, 'run');
  core = createConsoleCore(testCoreOptions({ appDataDir, log: new MemoryLogger(), isTrustedSender: () => true, config: cloud.config }, { ...cloud.core, kubectl: { helper: { command: process.execPath, args: [] }, runtimeDir } }));
  await core.auth.signIn('interactive');
  await until(() => core.azure.tenant() !== null, 'the signed-in tenant');
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await cloud?.close();
  if (appDataDir) await rm(appDataDir, { recursive: true, force: true });
});

/** The `iat` of a JWT the Entra stand-in issued. */
function issuedAt(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number }).iat;
}

describe('a CAE claims challenge from ARM', () => {
  it('is answered once with a claims token, and reaches the broker: kubectl\'s next AKS token is minted after the revocation', async () => {
    const { clusterId, tenantId } = cloud.arm.world.meta;
    const cluster = cloud.arm.world.meta.access?.aadProfile?.tenantID ?? tenantId;
    await core.kubectl!.registry.register({ clusterId, contextName: CONTEXT, tenantId: cluster, path: path.join(appDataDir, 'kubeconfig'), source: 'kubeconfig', writtenAt: new Date().toISOString() });
    const ask = () => core.kubectl!.broker.issue({ clusterId, context: CONTEXT, caller: { pid: process.pid, exe: null } });
    const before = await ask();
    expect((await ask()).token).toBe(before.token); // MSAL's cache serves kubectl while nothing changed

    // Every token so far was issued in an earlier second than the revocation (the stand-ins compare whole seconds).
    await new Promise((r) => setTimeout(r, 1100));
    const revokedAt = Math.floor(Date.now() / 1000);
    cloud.arm.faults.claimsChallenge = { issuedBefore: revokedAt };
    // A cached token is served without asking Entra; a token asked for with a challenge's claims skips the cache.
    const tokenRequests = () => cloud.entra.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/token')).length;
    const base = tokenRequests();
    const armLogged = cloud.arm.requests.length;

    const inventory = await core.azure.azure.inventory(undefined, true);
    expect(inventory.clusters.map((c) => c.id.toLowerCase())).toContain(clusterId.toLowerCase());
    const statuses = cloud.arm.requests.slice(armLogged).map((r) => r.status);
    expect(statuses[0]).toBe(401);
    expect(statuses.filter((s) => s === 401)).toHaveLength(1); // answered once: the retry carried a fresh ARM token
    expect(tokenRequests()).toBe(base + 1);

    const after = await ask();
    expect(after.token).not.toBe(before.token);
    expect(issuedAt(after.token)).toBeGreaterThanOrEqual(revokedAt);
    expect(tokenRequests()).toBe(base + 2);
    const { records } = await core.audit.list({ types: ['kubectl.token'] });
    expect(records.map((r) => r.details?.claimsChallenge)).toEqual([true, false, false]); // newest first: the fresh token says it answered a challenge
    // The challenge is spent: the token after that comes from the cache again.
    expect((await ask()).token).toBe(after.token);
    expect(tokenRequests()).toBe(base + 2);
  });
  it('when the session is gone too: no device code, the console asks for a normal sign-in, kubectl is told so, and after it the next AKS token is fresh', async () => {
    const { clusterId } = cloud.arm.world.meta;
    const ask = () => core.kubectl!.broker.issue({ clusterId, context: CONTEXT, caller: { pid: process.pid, exe: null } });
    await new Promise((r) => setTimeout(r, 1100));
    const revokedAt = Math.floor(Date.now() / 1000);
    cloud.arm.faults.claimsChallenge = { issuedBefore: revokedAt };
    cloud.entra.revokeRefreshTokens();
    // An expired sign-in is not missing data: the last good inventory comes back, marked as such.
    await expect(core.azure.azure.inventory(undefined, true)).resolves.toMatchObject({ signInExpired: true, fromCache: true });
    expect((await core.auth.status()).state).toBe('needs-sign-in');
    await expect(ask()).rejects.toMatchObject({ code: 'kubectl.sign_in_required', message: expect.stringContaining('sign in to the console') });
    expect(cloud.entra.requests.filter((r) => /devicecode/i.test(r.path) || /device_code/.test(r.grant ?? ''))).toEqual([]);

    await core.auth.signIn('interactive');
    const after = await ask();
    expect(issuedAt(after.token)).toBeGreaterThanOrEqual(revokedAt);
  });
});
