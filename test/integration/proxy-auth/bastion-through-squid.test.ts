import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BastionConfig } from '../../../src-main/services/bastion/bastion-config';
import { bastionNetFromStack } from '../../../src-main/services/bastion/bastion-net';
import { BastionTunnelClient } from '../../../src-main/services/bastion/tunnel-client';
import { NetStack } from '../../../src-main/services/net';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { startBastionStandIn, type BastionStandIn } from '../../standins/bastion/bastion-standin';
import { FixedTokenCredential, IDS, STANDIN_ARM_TOKEN, standInHost, staticHostReader } from '../../standins/bastion/harness';
import { topologyRouter } from '../../standins/bastion/topology-router';
import { up, type Topology } from '../../topology/index';
import { opensshArgs, runProgram, type BastionWorld } from '../bastion/bastion-topology';
import { MemoryLogger } from '../../support/memory-logger';

// The Bastion WebSocket leg through a squid that demands Negotiate (real KDC), and OpenSSH to the
// jump box through that tunnel. Topology slot 15 (proxy authentication).
const SLOT = 15;
let lab: AuthProxyLab;
let topology: Topology;
let standIn: BastionStandIn;
let dir: string;
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
  topology = await up({ slot: SLOT });
  standIn = await startBastionStandIn({ route: topologyRouter(topology), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-bastion-squid-'));
});

afterAll(async () => {
  await standIn?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  lab?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('a Bastion tunnel through a Kerberos proxy', () => {
  it('opens the WebSocket through squid as the operator and runs a command on the jump box over it', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.kinit();
    const net = NetStack.create({ proxyUrl: proxy, extraCaPem: standIn.caPem });
    const config = BastionConfig.parse({ connectOverrides: standIn.connectOverrides });
    const client = new BastionTunnelClient({ hosts: staticHostReader(standInHost(standIn)), credential: new FixedTokenCredential(), net: bastionNetFromStack(net), config, log: new MemoryLogger() });
    try {
      const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
      const world = { topology, dir } as unknown as BastionWorld;
      const result = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), 'whoami']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(topology.jumpBox.user);
      await listener.close();
    } finally {
      await client.dispose();
      net.dispose();
    }
    const users = await lab.waitForUser(proxy, lab.operator.principal);
    expect(users).toContain(lab.operator.principal);
    expect(users.filter((u) => u !== '-').every((u) => u === lab.operator.principal)).toBe(true);
  });
});
