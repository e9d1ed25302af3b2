import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BastionConfig } from '../../../src-main/services/bastion/bastion-config';
import { bastionNetFromStack } from '../../../src-main/services/bastion/bastion-net';
import { BastionTunnelClient } from '../../../src-main/services/bastion/tunnel-client';
import { KeychainProxyCredentials, NetStack } from '../../../src-main/services/net';
import { createConnectivity } from '../../../src-main/services/sessions/connectivity';
import type { SessionInfoValue } from '../../../src-main/services/sessions/types';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { startTopologyCloud, type TopologyCloud } from '../../support/topology-cloud';
import { armServiceFor } from '../../standins/arm/client';
import { FixedTokenCredential, STANDIN_ARM_TOKEN, standInHost, staticHostReader } from '../../standins/bastion/harness';
import type { Topology } from '../../topology/index';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

// The console's own terminal (ssh2 shell session through the SessionManager) to the jump box over
// the Bastion WebSocket, which leaves through a squid that demands Negotiate (real MIT KDC) or Basic
// (squid's basic_ncsa_auth). Topology slot 15 (proxy authentication).
const SLOT = 15;
let lab: AuthProxyLab;
let topology: Topology;
let cloud: TopologyCloud;
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
  // No Bastion client of the cloud's own: the test builds the console's, on a NetStack with the proxy.
  cloud = await startTopologyCloud({ scenario: 'private-hub-spoke-bastion', topology: { slot: SLOT }, bastionTokens: (t) => t === STANDIN_ARM_TOKEN });
  topology = cloud.topology!;
});

afterAll(async () => {
  await cloud?.close();
  lab?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function until(predicate: () => boolean, what: string, detail: () => string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${detail()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Opens a terminal to the jump box through the Bastion stand-in, with the console's NetStack pointed
 * at `proxyUrl`, runs a command whose answer only the remote shell can produce, and closes it.
 */
async function terminalRoundTrip(net: NetStack): Promise<{ marker: string; text: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-terminal-squid-'));
  const log = new MemoryLogger();
  const bastionStandIn = cloud.bastion!;
  const meta = cloud.arm.world.meta;
  const bastion = new BastionTunnelClient({
    hosts: staticHostReader(standInHost(bastionStandIn, { id: meta.bastionId! })),
    credential: new FixedTokenCredential(),
    net: bastionNetFromStack(net),
    config: BastionConfig.parse({ connectOverrides: bastionStandIn.connectOverrides }),
    log,
  });
  const connectivity = createConnectivity({
    appDataDir: dir,
    homeDir: dir,
    secrets: new MemorySecretStore(),
    log,
    bastion,
    azure: armServiceFor(cloud.arm, log),
    sshTimings: { handshakeTimeoutMs: 15_000, keepaliveIntervalMs: 2_000, keepaliveCountMax: 3 },
    tunnelTimings: { reconnectBaseMs: 200, reconnectMaxMs: 1_000, healthIntervalMs: 60_000, acceptWaitMs: 10_000 },
    hostKeyPromptTimeoutMs: 5_000,
  });
  try {
    // The jump box's host keys from Azure (VM Run Command): the terminal opens without a question.
    await connectivity.seeder!.seed(meta.jumpBoxId!, []);
    const { keyId } = await connectivity.keys.import('topology client', topology.clientPrivateKey);
    const { manager } = connectivity;
    const target = { route: { kind: 'bastion' as const, bastionId: meta.bastionId!, targetResourceId: meta.jumpBoxId!, port: 22 }, username: topology.jumpBox.user, auth: { method: 'key' as const, keyId } };
    const info = await manager.openSession(target, { cols: 100, rows: 30 }, 'jump via bastion over the proxy');
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
      manager.session(info.sessionId).write(`echo "rt-$((6*7))-${nonce} as $(id -un)"; stty size\n`);
      const marker = `rt-42-${nonce} as ${topology.jumpBox.user}`;
      await until(() => text.includes(marker) && text.includes('30 100'), 'the command output', detail);
      await manager.closeSession(info.sessionId);
      return { marker, text };
    } finally {
      for (const off of offs) off();
    }
  } finally {
    await connectivity.dispose();
    await bastion.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the console's terminal through an authenticating proxy", () => {
  it('reaches the jump box over Bastion through a Negotiate squid with the operator ticket, logged as the operator', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.kinit();
    const net = NetStack.create({ proxyUrl: proxy, extraCaPem: cloud.bastion!.caPem });
    try {
      const { marker, text } = await terminalRoundTrip(net);
      expect(text).toContain(marker);
    } finally {
      net.dispose();
      lab.kdestroy();
    }
    const users = await lab.waitForUser(proxy, lab.operator.principal);
    expect(users).toContain(lab.operator.principal);
    expect(users.filter((u) => u !== '-').every((u) => u === lab.operator.principal)).toBe(true);
  });

  it('reaches the jump box over Bastion through a Basic squid with the credential kept for that proxy, logged as that user', async () => {
    const proxy = await lab.startSquid(['basic']);
    // As `proxy.saveCredential` keeps it: in the keychain (here an in-memory secret store), under the proxy's host:port.
    const credentials = new KeychainProxyCredentials(new MemorySecretStore());
    await credentials.set(new URL(proxy), lab.basicUser);
    const net = NetStack.create({ proxyUrl: proxy, extraCaPem: cloud.bastion!.caPem, proxyCredentials: credentials });
    try {
      const { marker, text } = await terminalRoundTrip(net);
      expect(text).toContain(marker);
    } finally {
      net.dispose();
    }
    const users = await lab.waitForUser(proxy, lab.basicUser.username);
    expect(users).toContain(lab.basicUser.username);
    expect(users.filter((u) => u !== '-').every((u) => u === lab.basicUser.username)).toBe(true);
  });
});
