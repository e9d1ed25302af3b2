import net from 'node:net';
import { Duplex } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { defaultBastionConfig } from '../../../../../src-main/services/bastion/bastion-config';
import type { BastionConnection, TunnelStateChange } from '../../../../../src-main/services/bastion/bastion-types';
import { startBastionStandIn, type LiveSession } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS } from '../../../../standins/bastion/harness';
import { useStandInSuite } from './standin-suite';

const suite = useStandInSuite();
const { setup } = suite;

const vmTarget = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

/** The final state a connection reports. */
function ended(connection: BastionConnection): Promise<TunnelStateChange> {
  return new Promise((resolve) => {
    connection.onDidChangeState((change) => {
      if (change.state !== 'open' && change.state !== 'connecting') resolve(change);
    });
  });
}

/** The websocket under a connection's stream (to force the order in which a failure is noticed). */
function socketOf(connection: BastionConnection): WebSocket {
  return (connection.stream as unknown as { ws: WebSocket }).ws;
}

/** Lets pending I/O callbacks run between fake-clock steps. */
const ioTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The stand-in's relay of the newest session, once its upstream is connected. */
async function newestLive(): Promise<LiveSession> {
  const record = suite.standIn.sessions().at(-1);
  for (;;) {
    const live = suite.standIn.live().find((s) => s.record === record);
    if (live) return live;
    await ioTurn();
  }
}

describe('Bastion loss reporting (issue 13 item 12)', () => {
  it('(a) a send that fails before the websocket notices the drop is reported as lost with its problem, every time', async () => {
    const { client } = setup();
    for (let run = 0; run < 5; run++) {
      const connection = await client.open(vmTarget);
      const relay = await newestLive();
      const outcome = ended(connection);
      const ws = socketOf(connection);
      // Force the order the race produces about half the time: the send queue is full (the write waits),
      // the send fails first, and only then does the drop reach the websocket.
      Object.defineProperty(ws, 'bufferedAmount', { get: () => 4 * 1024 * 1024 });
      ws.send = ((_data: unknown, _options: unknown, callback?: (error?: Error) => void) => {
        process.nextTick(() => {
          callback?.(Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' }));
          relay.apply({ kind: 'drop' });
        });
      }) as typeof ws.send;
      connection.stream.on('error', () => undefined);
      connection.stream.write(Buffer.alloc(64 * 1024, 1));
      const change = await outcome;
      expect({ run, state: change.state, code: change.problem?.code }).toEqual({ run, state: 'lost', code: 'bastion.dropped' });
      expect(change.problem?.message).toMatch(/ECONNRESET|reset/i);
    }
  });

  it('(b) with the default settings a stalled Bastion (no data, no pong) is declared lost within 5 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { client } = setup({ config: {} });
    const connection = await client.open(vmTarget);
    const outcome = ended(connection);
    connection.stream.on('error', () => undefined);
    (await newestLive()).apply({ kind: 'stall' });
    for (let elapsed = 0; elapsed < 5000 && connection.state === 'open'; elapsed += 100) {
      vi.advanceTimersByTime(100);
      await ioTurn();
    }
    expect(connection.state).toBe('lost');
    expect((await outcome).problem?.code).toBe('bastion.unresponsive');
  });

  it('(b) the defaults themselves promise detection within 5 s', () => {
    const { keepaliveIntervalMs, deadPeerTimeoutMs } = defaultBastionConfig();
    expect(keepaliveIntervalMs).toBeGreaterThan(0);
    expect(deadPeerTimeoutMs + keepaliveIntervalMs).toBeLessThanOrEqual(5000);
  });

  it('(b) a busy tunnel sends no keepalive pings: data already proves the peer alive', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { client } = setup();
    const connection = await client.open(vmTarget);
    const ws = socketOf(connection);
    let pings = 0;
    const ping = ws.ping.bind(ws);
    ws.ping = ((...args: Parameters<WebSocket['ping']>) => {
      pings += 1;
      ping(...args);
    }) as WebSocket['ping'];
    let echoed = 0;
    connection.stream.on('data', (chunk: Buffer) => { echoed += chunk.length; });
    for (let step = 0; step < 50; step++) {
      const want = echoed + 1000;
      connection.stream.write(Buffer.alloc(1000, step));
      while (echoed < want) await ioTurn();
      vi.advanceTimersByTime(100);
    }
    expect(pings).toBe(0);
    for (let step = 0; step < 30; step++) {
      vi.advanceTimersByTime(100);
      await ioTurn();
    }
    expect(pings).toBeGreaterThan(0);
    expect(connection.state).toBe('open');
    await connection.close();
  });

  /** A tunnel uploading into a stand-in whose upstream takes one write per `release()` (none: a Bastion that stopped reading). */
  async function saturatedUpload() {
    // The relay reads the websocket only as fast as its upstream takes writes, so the client's queue (and
    // the ping behind it) drains that slowly, and no pong can come back meanwhile.
    const waiting: Array<() => void> = [];
    const upstream = new Duplex({ read() {}, write(_chunk, _encoding, callback) { waiting.push(() => callback()); } });
    const slow = await startBastionStandIn({ route: () => () => Promise.resolve(upstream) });
    suite.defer(() => slow.close());
    const wired = clientForStandIn(slow);
    suite.defer(() => wired.dispose());
    const connection = await wired.client.open(vmTarget);
    connection.stream.on('error', () => undefined);
    connection.stream.write(Buffer.alloc(16 * 1024 * 1024, 1));
    return { connection, slow, release: () => waiting.shift()?.() };
  }

  it('(b) an upload whose pings wait behind a slowly draining send queue is not declared lost', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { connection, slow, release } = await saturatedUpload();
    for (let step = 0; step < 100 && connection.state === 'open'; step++) {
      release();
      vi.advanceTimersByTime(100);
      await ioTurn();
      await ioTurn();
    }
    expect(connection.state).toBe('open');
    expect(slow.sessions()[0]!.bytesFromClient).toBeGreaterThan(0);
  });

  it('(b) an upload into a Bastion that stopped reading is still declared lost, within the queued-silence limit', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const { connection } = await saturatedUpload();
    const { queuedSilenceTimeoutMs, keepaliveIntervalMs } = defaultBastionConfig();
    for (let elapsed = 0; elapsed <= queuedSilenceTimeoutMs + keepaliveIntervalMs && connection.state === 'open'; elapsed += 250) {
      vi.advanceTimersByTime(250);
      await ioTurn();
    }
    expect(connection.state).toBe('lost');
    expect(connection.problem?.code).toBe('bastion.unresponsive');
  });

  for (const fault of ['stall', 'drop'] as const) {
    it(`(c) after a ${fault}, the local listener's socket is reset like a drop, never ended with an orderly FIN`, async () => {
      const { client } = setup({ config: { keepaliveIntervalMs: 100, deadPeerTimeoutMs: 300 } });
      const listener = await client.listen(vmTarget);
      suite.defer(() => listener.close());
      const local = net.connect({ host: '127.0.0.1', port: listener.port });
      const seen: string[] = [];
      local.on('end', () => seen.push('end'));
      const closed = new Promise<void>((resolve) => local.on('close', () => resolve()));
      local.on('error', (error: NodeJS.ErrnoException) => seen.push(error.code ?? error.message));
      local.write('hello');
      await new Promise<void>((resolve) => local.once('data', () => resolve()));
      (await newestLive()).apply({ kind: fault });
      await closed;
      expect(seen).toEqual(['ECONNRESET']);
      expect(listener.status().lastProblem?.code).toBe(fault === 'stall' ? 'bastion.unresponsive' : 'bastion.dropped');
    });
  }
});
