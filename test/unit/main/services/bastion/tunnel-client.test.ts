import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startBastionStandIn } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN } from '../../../../standins/bastion/harness';
import type { TunnelStateChange } from '../../../../../src-main/services/bastion/bastion-types';
import type { MemoryLogger } from '../../../../support/memory-logger';
import { useStandInSuite } from './standin-suite';

const suite = useStandInSuite({ acceptToken: (t) => t === STANDIN_ARM_TOKEN });
const { setup } = suite;

async function roundTrip(stream: NodeJS.ReadWriteStream, payload: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const done = new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= payload.length) resolve();
    });
  });
  stream.write(payload);
  await done;
  return Buffer.concat(chunks);
}

const vmTarget = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

describe('BastionTunnelClient.open', () => {
  it('carries bytes both ways and deletes the session with its node id when closed', async () => {
    const { client } = setup();
    const before = suite.standIn.sessions().length;
    const connection = await client.open(vmTarget);
    const states: TunnelStateChange[] = [];
    connection.onDidChangeState((c) => states.push(c));
    expect(connection.state).toBe('open');
    const payload = Buffer.alloc(300_000, 7);
    const echoed = await roundTrip(connection.stream, payload);
    expect(echoed.equals(payload)).toBe(true);
    expect(connection.counters()).toEqual({ bytesIn: payload.length, bytesOut: payload.length });
    await connection.close();
    expect(states.map((s) => s.state)).toEqual(['closed']);
    const mine = suite.standIn.sessions().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.deletedAt).toBeTypeOf('number');
    expect(mine[0]!.deleteHadNodeId).toBe(true);
    expect(mine[0]!.target).toEqual({ resourceId: IDS.jumpBox, port: 22 });
  });

  it('reassembles fragmented and oddly sized server messages', async () => {
    suite.standIn.faults.fragmented = true;
    suite.standIn.faults.messageSizes = [1, 4096, 65536, 7];
    const { client } = setup();
    const connection = await client.open(vmTarget);
    const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const echoed = await roundTrip(connection.stream, payload);
    expect(echoed.equals(payload)).toBe(true);
    await connection.close();
  });

  it('refuses a Basic SKU and tunneling turned off before contacting Bastion', async () => {
    const before = suite.standIn.sessions().length;
    await expect(setup({ host: { sku: 'Basic' } }).client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.sku_unsupported' });
    await expect(setup({ host: { enableTunneling: false } }).client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.tunneling_disabled' });
    expect(suite.standIn.sessions().length).toBe(before);
  });

  it('maps a 401 from /api/tokens to a sign-in message', async () => {
    suite.standIn.faults.tokens = { status: 401, body: 'Unauthorized', contentType: 'text/plain' };
    await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.unauthorized', message: expect.stringContaining('HTTP 401') });
  });

  it('maps "Tunneling is disabled" from the service', async () => {
    suite.standIn.settings.tunnelingEnabled = false;
    try {
      await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.tunneling_disabled' });
    } finally {
      suite.standIn.settings.tunnelingEnabled = true;
    }
  });

  it('deletes the session when the websocket handshake is refused', async () => {
    suite.standIn.faults.upgradeStatus = 403;
    const before = suite.standIn.sessions().length;
    await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.handshake_refused' });
    const mine = suite.standIn.sessions().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.deletedAt).toBeTypeOf('number');
  });
});

describe('BastionTunnelClient.listen', () => {
  it('gives each local connection its own session and deletes each one when it ends', async () => {
    const { client } = setup();
    const before = suite.standIn.sessions().length;
    const listener = await client.listen(vmTarget);
    const sockets = await Promise.all([1, 2, 3].map(async () => {
      const socket = net.connect(listener.port, '127.0.0.1');
      await once(socket, 'connect');
      return socket;
    }));
    const replies = await Promise.all(sockets.map((s, i) => roundTrip(s, Buffer.from(`hello ${i}`))));
    expect(replies.map((r) => r.toString())).toEqual(['hello 0', 'hello 1', 'hello 2']);
    expect(listener.status().activeConnections).toBe(3);
    for (const s of sockets) s.end();
    await suite.standIn.waitFor((records) => records.slice(before).length === 3 && records.slice(before).every((r) => r.deletedAt !== undefined));
    const tokens = new Set(suite.standIn.sessions().slice(before).map((r) => r.authToken));
    expect(tokens.size).toBe(3);
    await listener.close();
    expect(listener.status().state).toBe('closed');
  });

  it('refuses a local port that is already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(setup().client.listen(vmTarget, { localPort: port })).rejects.toMatchObject({ code: 'bastion.port_taken' });
    } finally {
      blocker.close();
    }
  });
});

describe('BastionTunnelClient lifecycle', () => {
  it('deletes every live session on dispose (no orphaned sessions, #10137)', async () => {
    const wired = clientForStandIn(suite.standIn);
    const before = suite.standIn.sessions().length;
    const connections = await Promise.all([1, 2, 3].map(() => wired.client.open(vmTarget)));
    const listener = await wired.client.listen(vmTarget);
    const socket = net.connect(listener.port, '127.0.0.1');
    await roundTrip(socket, Buffer.from('x'));
    expect(suite.standIn.undeleted().length).toBeGreaterThanOrEqual(4);
    await wired.dispose();
    const mine = suite.standIn.sessions().slice(before);
    expect(mine).toHaveLength(4);
    expect(mine.every((r) => r.deletedAt !== undefined && r.deleteHadNodeId)).toBe(true);
    expect(connections.every((c) => c.state === 'closed')).toBe(true);
    await expect(wired.client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.disposed' });
    socket.destroy();
  });

  it('gets a fresh token and retries once when Bastion rejects a cached one', async () => {
    let current = 'token-1';
    let issued = 0;
    const credential = { async getToken() { issued += 1; return { token: `token-${issued}`, expiresOnTimestamp: Date.now() + 3_600_000 }; } };
    const strict = await startBastionStandIn({ route: loopbackRouter(suite.echo.port), acceptToken: (t) => t === current });
    const wired = clientForStandIn(strict, { credential });
    try {
      await (await wired.client.open(vmTarget)).close();
      current = 'token-2';
      const second = await wired.client.open(vmTarget);
      expect(second.state).toBe('open');
      expect(issued).toBe(2);
      await second.close();
      expect(strict.undeleted()).toEqual([]);
    } finally {
      await wired.dispose();
      await strict.close();
    }
  });

  it('asks for the Bastion tenant\'s own token, so a tenant switch never sends the previous tenant\'s token', async () => {
    const asked: Array<string | undefined> = [];
    const credential = { async getToken(_scope: string | string[], options?: { tenantId?: string }) { asked.push(options?.tenantId); return { token: `token-of-${options?.tenantId}`, expiresOnTimestamp: Date.now() + 3_600_000 }; } };
    const presented: string[] = [];
    const strict = await startBastionStandIn({ route: loopbackRouter(suite.echo.port), acceptToken: (t) => (presented.push(t), true) });
    const wired = clientForStandIn(strict, { credential, host: { tenantId: 'tenant-a' } });
    try {
      await (await wired.client.open(vmTarget)).close();
      await (await wired.client.open(vmTarget)).close();
      wired.hosts.host = { ...wired.hosts.host, tenantId: 'tenant-b' };
      await (await wired.client.open(vmTarget)).close();
      expect(asked).toEqual(['tenant-a', 'tenant-b']);
      expect(presented).toEqual(['token-of-tenant-a', 'token-of-tenant-a', 'token-of-tenant-b']);
    } finally {
      await wired.dispose();
      await strict.close();
    }
  });

  it('sends IP-connect targets with the bh-hostConnect id and hostname', async () => {
    const { client } = setup();
    const before = suite.standIn.sessions().length;
    const connection = await client.open({ bastionId: IDS.bastion, target: { kind: 'ip', ip: '10.20.30.40', port: 22 } });
    await connection.close();
    expect(suite.standIn.sessions()[before]!.target).toEqual({
      resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/bh-hostConnect/10.20.30.40',
      port: 22,
      hostname: '10.20.30.40',
    });
  });

  it('takes the Developer SKU path: data pod from /api/connection, then /omni/webtunnel/', async () => {
    const developer = await startBastionStandIn({ hostnames: ['omnibrain.uswest.bastionglobal.azure.com'], dataPodHost: 'pod-7.omnibrain.uswest.bastionglobal.azure.com', route: loopbackRouter(suite.echo.port) });
    const wired = clientForStandIn(developer, { host: { sku: 'Developer', enableTunneling: false } });
    try {
      const connection = await wired.client.open(vmTarget);
      const echoed = await roundTrip(connection.stream, Buffer.from('developer'));
      expect(echoed.toString()).toBe('developer');
      await connection.close();
      expect(developer.sessions()).toHaveLength(1);
      expect(developer.sessions()[0]).toMatchObject({ route: 'omni', deleteHadNodeId: true });
      expect(developer.undeleted()).toEqual([]);
    } finally {
      await wired.dispose();
      await developer.close();
    }
  });

  it('closing while connecting ends in closed and leaves no session behind', async () => {
    suite.standIn.faults.upgradeDelayMs = 300;
    const { client } = setup();
    const before = suite.standIn.sessions().length;
    const opening = client.open(vmTarget);
    await suite.standIn.waitFor((records) => records.length > before);
    await client.dispose();
    await expect(opening).rejects.toMatchObject({ code: 'bastion.cancelled' });
    await suite.standIn.waitFor((records) => records.slice(before).every((r) => r.deletedAt !== undefined));
  });
});

describe('BastionTunnelClient hygiene', () => {
  it('keeps a session whose DELETE failed and deletes it on dispose', async () => {
    const wired = clientForStandIn(suite.standIn);
    const before = suite.standIn.sessions().length;
    const connection = await wired.client.open(vmTarget);
    suite.standIn.faults.deleteStatus = 500;
    await connection.close();
    expect(suite.standIn.sessions()[before]!.deletedAt).toBeUndefined();
    suite.standIn.faults.deleteStatus = null;
    await wired.dispose();
    expect(suite.standIn.sessions()[before]!.deletedAt).toBeTypeOf('number');
  });

  it('never writes a token, the websocket URL or the aztoken to the log', async () => {
    const { client, log } = setup();
    const before = suite.standIn.sessions().length;
    const connection = await client.open(vmTarget);
    await roundTrip(connection.stream, Buffer.from('secret-free'));
    await connection.close();
    suite.standIn.faults.tokens = { status: 401, body: '{"message":"bad token"}' };
    await client.open(vmTarget).catch(() => undefined);
    const lines = (log as InstanceType<typeof MemoryLogger>).lines.join('\n');
    const record = suite.standIn.sessions()[before]!;
    expect(lines).toContain('bastion tunnel state');
    for (const secret of [record.authToken, record.nodeId, STANDIN_ARM_TOKEN, 'webtunnelv2']) expect(lines).not.toContain(secret);
  });
});

describe('BastionTunnelClient loss detection on loopback', () => {
  it.each([
    [{ kind: 'drop' } as const, 'bastion.dropped'],
    [{ kind: 'close', code: 1001 } as const, 'bastion.going_away'],
    [{ kind: 'close', code: 1011 } as const, 'bastion.server_error'],
    [{ kind: 'close', code: 1013 } as const, 'bastion.try_later'],
    [{ kind: 'text' } as const, 'bastion.protocol'],
    [{ kind: 'stall' } as const, 'bastion.unresponsive'],
  ])('%o ends an open connection as lost with %s, and its session is deleted', async (fault, code) => {
    const { client } = setup({ config: { keepaliveIntervalMs: 50, deadPeerTimeoutMs: 300 } });
    const before = suite.standIn.sessions().length;
    const connection = await client.open(vmTarget);
    await roundTrip(connection.stream, Buffer.from('warm-up'));
    const lost = new Promise<TunnelStateChange>((resolve) => connection.onDidChangeState(resolve));
    const streamError = new Promise<Error>((resolve) => connection.stream.once('error', resolve));
    suite.standIn.live().find((l) => l.record === suite.standIn.sessions()[before])!.apply(fault);
    expect(await lost).toMatchObject({ state: 'lost', problem: { code } });
    expect(await streamError).toMatchObject({ code });
    await suite.standIn.waitFor((records) => records[before]!.deletedAt !== undefined);
  });
});

describe('Developer SKU listener', () => {
  it('carries one connection at a time and says why it refused a second one', async () => {
    const developer = await startBastionStandIn({ hostnames: ['omnibrain.uswest.bastionglobal.azure.com'], route: loopbackRouter(suite.echo.port) });
    const wired = clientForStandIn(developer, { host: { sku: 'Developer', enableTunneling: false } });
    try {
      const listener = await wired.client.listen(vmTarget);
      const first = net.connect(listener.port, '127.0.0.1');
      expect((await roundTrip(first, Buffer.from('one'))).toString()).toBe('one');
      const second = net.connect(listener.port, '127.0.0.1');
      await once(second, 'close');
      expect(listener.status().lastProblem?.code).toBe('bastion.developer_single');
      expect(listener.status().activeConnections).toBe(1);
      first.destroy();
      await listener.close();
      expect(developer.undeleted()).toEqual([]);
    } finally {
      await wired.dispose();
      await developer.close();
    }
  });
});

describe('Bastion capacity', () => {
  it('a full Bastion answers 429 and the operator is told to wait; closing a session frees a slot', async () => {
    const { client } = setup();
    suite.standIn.faults.sessionLimit = suite.standIn.undeleted().length + 1;
    const first = await client.open(vmTarget);
    await expect(client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.throttled' });
    await first.close();
    const again = await client.open(vmTarget);
    expect(again.state).toBe('open');
    await again.close();
  });
});
