import { once } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startBastionStandIn } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, STANDIN_ARM_TOKEN } from '../../../../standins/bastion/harness';
import { useStandInSuite } from './standin-suite';

const suite = useStandInSuite({ acceptToken: (t) => t === STANDIN_ARM_TOKEN });
const vmTarget = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

/** Bytes whose every position is checkable (a counter, so a reordered or lost chunk shows). */
function pattern(length: number, start = 0): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (start + i) % 253;
  return bytes;
}

/** Collects `length` bytes from a stream. */
function collect(stream: Duplex | net.Socket, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= length) resolve(Buffer.concat(chunks));
    });
    stream.once('error', reject);
  });
}

/** Resolves once `read()` has returned the same value `times` checks in a row (the flow has stopped). */
async function settled(read: () => number, times = 4, everyMs = 150): Promise<number> {
  let last = -1;
  let same = 0;
  while (same < times) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const now = read();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Writes `offered` copies of `chunk`, waiting for 'drain' whenever told to; `written()` counts the writes begun. */
function offer(stream: Duplex | net.Socket, chunk: Buffer, offered: number): { writer: Promise<void>; written: () => number } {
  let written = 0;
  const writer = (async () => {
    for (let i = 0; i < offered; i++) {
      written += 1;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  })();
  return { writer, written: () => written };
}

describe('Bastion data path: frames', () => {
  it.each(['zero', 'random'] as const)('with a %s mask every write leaves as whole messages of at most maxFrameBytes, bytes intact and the caller\'s buffers untouched', async (frameMask) => {
    const { client } = suite.setup({ config: { maxFrameBytes: 4096, frameMask } });
    const before = suite.standIn.sessions().length;
    const connection = await client.open(vmTarget);
    const sizes = [1, 4095, 4096, 4097, 3 * 4096, 3 * 4096 + 1];
    const writes = sizes.map((size, i) => pattern(size, i));
    const copies = writes.map((w) => Buffer.from(w));
    const total = sizes.reduce((a, b) => a + b, 0);
    const echoed = collect(connection.stream, total);
    for (const write of writes) connection.stream.write(write);
    expect((await echoed).equals(Buffer.concat(copies))).toBe(true);
    writes.forEach((write, i) => expect(write.equals(copies[i]!)).toBe(true));
    const [record] = suite.standIn.sessions().slice(before);
    expect(record!.largestClientMessage).toBe(4096);
    // One message per 4096 bytes of each write (a boundary-sized write is one message, one byte more is two).
    expect(record!.clientMessages).toBe(sizes.reduce((n, size) => n + Math.ceil(size / 4096), 0));
    await connection.close();
  });

  it('thousands of small writes queued behind a full send queue arrive whole and in order', async () => {
    const { client } = suite.setup();
    const connection = await client.open(vmTarget);
    const writes = Array.from({ length: 3000 }, (_, i) => pattern(1000, i));
    const echoed = collect(connection.stream, 3000 * 1000);
    for (const write of writes) connection.stream.write(write);
    expect((await echoed).equals(Buffer.concat(writes))).toBe(true);
    await connection.close();
  }, 30_000);
});

describe('Bastion data path: backpressure', () => {
  it('a reader that stops reading holds the tunnel back: the client keeps a bounded amount and the writer waits', async () => {
    const { client } = suite.setup();
    const connection = await client.open(vmTarget);
    const stream = connection.stream;
    stream.pause();
    const chunk = pattern(1024 * 1024);
    // More than the loopback sockets' buffers on the way can absorb (about 33 MiB seen here).
    const offered = 96;
    const { writer, written } = offer(stream, chunk, offered);
    await settled(() => connection.counters().bytesIn + connection.counters().bytesOut);
    // Nothing was read: what came back is held in this process, and it is bounded by the stream's buffer
    // (plus what ws had decoded when it paused), however much the writer offered.
    expect(connection.counters().bytesIn).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(written()).toBeLessThan(offered);
    const all = collect(stream, offered * chunk.length);
    stream.resume();
    await writer;
    const echoed = await all;
    expect(echoed.length).toBe(offered * chunk.length);
    expect(echoed.equals(Buffer.concat(Array.from({ length: offered }, () => chunk)))).toBe(true);
    await connection.close();
  }, 60_000);

  it('through the local listener, a slow local reader gets every byte in order and its session is deleted', async () => {
    const { client } = suite.setup({ config: { maxFrameBytes: 16 * 1024 } });
    const before = suite.standIn.sessions().length;
    const listener = await client.listen(vmTarget);
    const socket = net.connect({ host: '127.0.0.1', port: listener.port });
    await once(socket, 'connect');
    const payload = pattern(8 * 1024 * 1024);
    // A slow reader: stop after every chunk and come back a little later.
    socket.on('data', () => {
      socket.pause();
      setTimeout(() => socket.resume(), 1);
    });
    const received = collect(socket, payload.length);
    socket.write(payload);
    expect((await received).equals(payload)).toBe(true);
    socket.destroy();
    await listener.close();
    const [record] = suite.standIn.sessions().slice(before);
    expect(record!.largestClientMessage).toBeLessThanOrEqual(16 * 1024);
    expect(record!.deletedAt).toBeTypeOf('number');
  }, 30_000);

  it('through the local listener, both ways: a local reader that stops pauses the websocket, and the full send queue then stops local reads', async () => {
    const { client } = suite.setup();
    const listener = await client.listen(vmTarget);
    const socket = net.connect({ host: '127.0.0.1', port: listener.port });
    await once(socket, 'connect');
    socket.pause();
    const chunk = pattern(1024 * 1024);
    const offered = 96;
    const { writer, written } = offer(socket, chunk, offered);
    const traffic = () => listener.status().bytesIn + listener.status().bytesOut;
    await settled(traffic);
    // The echo comes back to a socket nobody reads: past what the loopback socket's kernel buffers absorb
    // (a few MiB) and the local socket's queue, the tunnel stops taking Bastion's bytes; the echo server
    // then stops reading, our send queue fills, and the local writer is held too.
    expect(listener.status().bytesIn).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(listener.status().bytesOut).toBeLessThan(offered * chunk.length);
    expect(written()).toBeLessThan(offered);
    const all = collect(socket, offered * chunk.length);
    socket.resume();
    await writer;
    const echoed = await all;
    expect(echoed.equals(Buffer.concat(Array.from({ length: offered }, () => chunk)))).toBe(true);
    socket.destroy();
    await listener.close();
  }, 60_000);

  it('when Bastion ends the tunnel cleanly, a slow local reader still gets every byte before the end', async () => {
    // An upstream that sends a download and closes, as a `cat` on the far side would.
    const payload = pattern(32 * 1024 * 1024);
    const source = net.createServer((upstream) => upstream.end(payload));
    await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
    suite.defer(() => new Promise<void>((resolve) => source.close(() => resolve())));
    const standIn = await startBastionStandIn({ route: loopbackRouter((source.address() as net.AddressInfo).port) });
    suite.defer(() => standIn.close());
    const { client, dispose } = clientForStandIn(standIn);
    suite.defer(dispose);
    const listener = await client.listen(vmTarget);
    const socket = net.connect({ host: '127.0.0.1', port: listener.port });
    // A reader slower than the tunnel, so bytes are still queued on our side when Bastion's close arrives.
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      socket.pause();
      setTimeout(() => socket.resume(), 5);
    });
    let ended = false;
    socket.on('end', () => { ended = true; });
    socket.on('error', () => undefined);
    await once(socket, 'close');
    expect(ended).toBe(true);
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
    socket.destroy();
    await listener.close();
    expect(standIn.undeleted()).toEqual([]);
  }, 30_000);
});
