/**
 * Every hop of the product through a real squid that demands one scheme at a time — Negotiate (a
 * ticket from the lab's MIT KDC), NTLM (squid's ntlm_fake_auth) and Basic (basic_ncsa_auth) — with
 * the real console core as the product builds it: sign-in (MSAL against the Entra stand-in), discovery
 * (the inventory from the ARM stand-in), a checklist run, the console's own terminal to the jump box
 * over its Bastion client (the operator's own ARM token; real OpenSSH in the topology) and audit
 * forwarding (the Logs Ingestion stand-in, configured by policy). Credentials for NTLM and Basic are
 * saved as the operator saves them (`proxy.saveCredential` over IPC, into the keychain). One squid and
 * one core per scheme, hops in sequence; squid's access log must show the authenticated user on a
 * CONNECT to every hop's endpoint, and nothing else but the unauthenticated 407 challenges.
 * Topology slot 15 (proxy authentication).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src-main/core';
import type { ProxyAuthScheme } from '../../../src-main/services/net';
import type { SessionInfoValue } from '../../../src-main/services/sessions/types';
import { startSimulatedCloud, type SimulatedCloud } from '../../demo/simulated-cloud';
import { makeStandInTls, type StandInTls } from '../../standins/entra/standin-tls';
import { createTestBrowser, type TestBrowser } from '../../standins/entra/test-browser';
import { startLogsIngestionStandin, type LogsIngestionStandin } from '../../standins/logs-ingestion/server';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { testCoreOptions } from '../../support/core-options';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

const SLOT = 15;
const DCR = `dcr-${'0123456789abcdef'.repeat(2)}`;
const STREAM = 'Custom-AksConsoleAudit_CL';
const MONITOR = 'https://monitor.azure.com/';
const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' };

let lab: AuthProxyLab;
let cloud: SimulatedCloud;
let ingestionTls: StandInTls;
let ingestion: LogsIngestionStandin;
const late: { browser?: TestBrowser } = {};
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  // The kerberos package runs in this process: its GSSAPI reads the lab's realm and ticket cache.
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
  cloud = await startSimulatedCloud({ slot: SLOT, topology: true, openBrowser: (url) => late.browser!.open(url) });
  late.browser = createTestBrowser(String(cloud.core.extraCaPem));
  ingestionTls = makeStandInTls();
  // Only a token Entra issued for Azure Monitor is taken: the forwarder's own, through the console's sign-in.
  ingestion = await startLogsIngestionStandin({
    tls: ingestionTls,
    acceptToken: (t) => !!cloud.entra.validateAccessToken(t)?.scopes.some((s) => s.startsWith(MONITOR)),
  });
}, 180_000);

afterAll(async () => {
  await ingestion?.close();
  await cloud?.close();
  lab?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function until(predicate: () => boolean, what: string, detail: () => string = () => '', ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${detail()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const hostOf = (url: string): string => new URL(url).host;

describe.each<[ProxyAuthScheme]>([['negotiate'], ['ntlm'], ['basic']])('every hop through a squid that demands %s', (scheme) => {
  let proxy: string;
  let core: ConsoleCore;
  let appDataDir: string;
  let user: string;
  let password: string | undefined;
  let disposed = false;
  const log = new MemoryLogger();
  const events: Array<{ event: string; payload: unknown }> = [];

  beforeAll(async () => {
    proxy = await lab.startSquid([scheme]);
    appDataDir = await mkdtemp(path.join(os.tmpdir(), `aksc-every-hop-${scheme}-`));
    // Audit forwarding is an enterprise policy setting (https endpoint only).
    await mkdir(path.join(appDataDir, 'policy'), { recursive: true });
    await writeFile(path.join(appDataDir, 'policy', 'policy.json'), JSON.stringify({ schemaVersion: 1, audit: { forwarding: { endpoint: ingestion.endpoint, dcrImmutableId: DCR, streamName: STREAM } } }));
    core = createConsoleCore(
      testCoreOptions(
        { appDataDir, log, isTrustedSender: () => true, config: { ...cloud.config, network: { proxyUrl: proxy, noProxy: [], mode: 'auto', caBundleFile: null, proxyAuth: {} } } },
        // A keychain of this core's own: nothing one scheme's core saved is there for the next.
        { ...cloud.core, secretStore: new MemorySecretStore(), extraCaPem: `${String(cloud.core.extraCaPem)}\n${ingestionTls.caPem}` },
      ),
    );
    core.router.attach({ send: (event, payload) => events.push({ event, payload }), isAlive: () => true });
    if (scheme === 'negotiate') {
      lab.kinit();
      user = lab.operator.principal;
      password = undefined;
    } else {
      // As the operator saves it in the proxy credential form: over IPC, into the keychain.
      const credential = scheme === 'basic' ? lab.basicUser : { username: 'CORP\\operator', password: randomBytes(9).toString('base64url') };
      user = credential.username;
      password = credential.password;
      expect(await core.router.dispatch('proxy.saveCredential', { proxy: hostOf(proxy), ...credential }, sender)).toMatchObject({ ok: true });
    }
  }, 60_000);

  afterAll(async () => {
    if (!disposed) await core?.dispose();
    lab.kdestroy();
    if (appDataDir) await rm(appDataDir, { recursive: true, force: true });
  });

  it('signs in (MSAL through the proxy) and lists the tenants', async () => {
    await core.auth.signIn('interactive');
    expect((await core.auth.status()).state).toBe('signed-in');
    expect((await core.auth.tenants()).length).toBeGreaterThan(0);
    await until(() => core.azure.tenant() !== null, 'the signed-in tenant');
  });

  it('discovers the clusters (inventory from ARM through the proxy)', async () => {
    const answer = await core.router.dispatch('azure.inventory', { refresh: true }, sender);
    expect(answer).toMatchObject({ ok: true });
    const clusters = (answer as { data: { clusters: Array<{ id: string }> } }).data.clusters;
    expect(clusters.map((c) => c.id.toLowerCase())).toContain(cloud.arm.world.meta.clusterId.toLowerCase());
  });

  it('runs the checklist of the Bastion path to the end with every ARM read answered', async () => {
    const start = await core.router.dispatch('checklist.run', { clusterId: cloud.arm.world.meta.clusterId, pathId: 'bastion-jumpbox' }, sender);
    expect(start).toMatchObject({ ok: true });
    const { runId, checks } = (start as { data: { runId: string; checks: unknown[] } }).data;
    const finished = () => events.find((e) => e.event === 'checklist.finished' && (e.payload as { runId: string }).runId === runId);
    await until(() => !!finished(), 'the checklist to finish', () => JSON.stringify(events.slice(-3)), 60_000);
    const results = events.filter((e) => e.event === 'checklist.result' && (e.payload as { runId: string }).runId === runId).map((e) => (e.payload as { result: { checkId: string; status: string; detail?: unknown } }).result);
    expect(results).toHaveLength(checks.length);
    expect(finished()!.payload).toMatchObject({ runId, state: 'completed' });
    // A read that could not get through the proxy ends as an error, never as pass/fail.
    expect(results.filter((r) => r.status === 'error'), JSON.stringify(results)).toEqual([]);
    expect(results.some((r) => r.status === 'pass')).toBe(true);
  });

  it("opens the console's terminal to the jump box over its Bastion tunnel and runs a command there", async () => {
    const meta = cloud.arm.world.meta;
    const topology = cloud.topology!;
    const { manager, keys, seeder } = core.connectivity;
    // The jump box's host keys from Azure (VM Run Command, through the proxy): no host-key question.
    await seeder!.seed(meta.jumpBoxId!, []);
    const { keyId } = await keys.import('topology client', topology.clientPrivateKey);
    const target = { route: { kind: 'bastion' as const, bastionId: meta.bastionId!, targetResourceId: meta.jumpBoxId!, port: 22 }, username: topology.jumpBox.user, auth: { method: 'key' as const, keyId } };
    const info = await manager.openSession(target, { cols: 100, rows: 30 }, `jump via bastion over ${scheme}`);
    let text = '';
    const states: SessionInfoValue[] = [];
    const offs = [
      manager.onDidData((e) => {
        if (e.sessionId !== info.sessionId) return;
        text += e.data;
        manager.session(info.sessionId).ack(e.bytes);
      }),
      manager.onDidChangeSession((s) => s.sessionId === info.sessionId && states.push(s)),
    ];
    const detail = (): string => `states ${states.map((s) => `${s.state}${s.problem ? ` (${s.problem.code})` : ''}`).join(',')}; text ${JSON.stringify(text.slice(-300))}`;
    try {
      await until(() => states.at(-1)?.state === 'open' || states.at(-1)?.state === 'failed', 'the session to open', detail);
      expect(states.at(-1), detail()).toMatchObject({ state: 'open', route: 'bastion' });
      // The typed line echoes `$((6*7))` literally; only the remote shell turns it into 42.
      const nonce = randomBytes(6).toString('hex');
      manager.session(info.sessionId).write(`echo "rt-$((6*7))-${nonce} as $(id -un)"\n`);
      await until(() => text.includes(`rt-42-${nonce} as ${topology.jumpBox.user}`), 'the command output', detail);
      await manager.closeSession(info.sessionId);
    } finally {
      for (const off of offs) off();
    }
  });

  it('forwards the audit log to Logs Ingestion through the proxy with a token of its own', async () => {
    await core.audit.forward();
    expect(core.audit.forwardingStatus()).toMatchObject({ pending: 0, lastError: null });
    const types = (ingestion.rows.get(`${DCR}/${STREAM}`) ?? []).map((r) => r.EventType);
    expect(types).toContain('auth.sign-in');
    expect(types).toContain('ssh.open');
  });

  it("squid logged the authenticated user on a CONNECT to every hop's endpoint, and no one else", async () => {
    if (password) {
      const written = log.lines.join('\n') + JSON.stringify((await core.audit.list({})).records) + JSON.stringify(ingestion.rows.get(`${DCR}/${STREAM}`) ?? []);
      expect(written).not.toContain(password);
    }
    // squid logs a tunnel when it closes: close the core's connections first.
    disposed = true;
    await core.dispose();
    const hops: Record<string, string> = {
      'sign-in (Entra ID)': hostOf(String((cloud.config.auth as { authorityHost: string }).authorityHost)),
      'discovery and checklist (ARM)': hostOf(cloud.arm.url),
      'Bastion tunnel and terminal': Object.values(cloud.bastion!.connectOverrides)[0]!,
      'audit forwarding (Logs Ingestion)': hostOf(ingestion.endpoint),
    };
    await lab.waitForUser(proxy, user);
    const deadline = Date.now() + 15_000;
    const missing = () => Object.entries(hops).filter(([, target]) => !lab.connects(proxy).some((c) => c.target === target && c.user.toLowerCase() === user.toLowerCase() && c.status === '200'));
    while (missing().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(missing(), JSON.stringify(lab.connects(proxy))).toEqual([]);
    const others = lab.connects(proxy).filter((c) => c.user.toLowerCase() !== user.toLowerCase() && !(c.user === '-' && c.status === '407'));
    expect(others).toEqual([]);
  });
});
