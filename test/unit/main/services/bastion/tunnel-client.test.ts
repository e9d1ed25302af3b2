import net from 'node:net';
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBastionStandIn, type BastionStandIn } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, startEchoServer, STANDIN_ARM_TOKEN } from '../../../../standins/bastion/harness';
import type { TunnelStateChange } from '../../../../../src-main/services/bastion/bastion-types';

let echo: Awaited<ReturnType<typeof startEchoServer>>;
let standIn: BastionStandIn;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  echo = await startEchoServer();
  standIn = await startBastionStandIn({ route: loopbackRouter(echo.port), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  standIn.resetFaults();
});
afterAll(async () => {
  await standIn.close();
  await echo.close();
});

function setup(options: Parameters<typeof clientForStandIn>[1] = {}) {
  const wired = clientForStandIn(standIn, options);
  cleanups.push(() => wired.dispose());
  return wired;
}

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
    const before = standIn.sessions().length;
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
    const mine = standIn.sessions().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.deletedAt).toBeTypeOf('number');
    expect(mine[0]!.deleteHadNodeId).toBe(true);
    expect(mine[0]!.target).toEqual({ resourceId: IDS.jumpBox, port: 22 });
  });

  it('reassembles fragmented and oddly sized server messages', async () => {
    standIn.faults.fragmented = true;
    standIn.faults.messageSizes = [1, 4096, 65536, 7];
    const { client } = setup();
    const connection = await client.open(vmTarget);
    const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const echoed = await roundTrip(connection.stream, payload);
    expect(echoed.equals(payload)).toBe(true);
    await connection.close();
  });

  it('refuses a Basic SKU and tunneling turned off before contacting Bastion', async () => {
    const before = standIn.sessions().length;
    await expect(setup({ host: { sku: 'Basic' } }).client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.sku-unsupported' });
    await expect(setup({ host: { enableTunneling: false } }).client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.tunneling-disabled' });
    expect(standIn.sessions().length).toBe(before);
  });

  it('maps a 401 from /api/tokens to a sign-in message', async () => {
    standIn.faults.tokens = { status: 401, body: 'Unauthorized', contentType: 'text/plain' };
    await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.unauthorized', message: expect.stringContaining('HTTP 401') });
  });

  it('maps "Tunneling is disabled" from the service', async () => {
    standIn.settings.tunnelingEnabled = false;
    try {
      await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.tunneling-disabled' });
    } finally {
      standIn.settings.tunnelingEnabled = true;
    }
  });

  it('deletes the session when the websocket handshake is refused', async () => {
    standIn.faults.upgradeStatus = 403;
    const before = standIn.sessions().length;
    await expect(setup().client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.handshake-refused' });
    const mine = standIn.sessions().slice(before);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.deletedAt).toBeTypeOf('number');
  });
});

describe('BastionTunnelClient.listen', () => {
  it('gives each local connection its own session and deletes each one when it ends', async () => {
    const { client } = setup();
    const before = standIn.sessions().length;
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
    await standIn.waitFor((records) => records.slice(before).length === 3 && records.slice(before).every((r) => r.deletedAt !== undefined));
    const tokens = new Set(standIn.sessions().slice(before).map((r) => r.authToken));
    expect(tokens.size).toBe(3);
    await listener.close();
    expect(listener.status().state).toBe('closed');
  });

  it('refuses a local port that is already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(setup().client.listen(vmTarget, { localPort: port })).rejects.toMatchObject({ code: 'bastion.port-taken' });
    } finally {
      blocker.close();
    }
  });
});
