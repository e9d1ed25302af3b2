/**
 * The throughput bench's transfer protocol, shared by the bench and its client process: the source/sink
 * reads `D` or `U` and an 8-byte big-endian count, then sends that many bytes (download) or swallows
 * them and answers with the count received (upload).
 */
import { once } from 'node:events';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** Which way the bytes flow, seen from the client. */
export type Direction = 'down' | 'up';

const UPLOAD_CHUNK = Buffer.alloc(256 * 1024);

/** Asks the source for `bytes` (download) or sends `bytes` to the sink (upload); resolves with milliseconds. */
export async function transfer(stream: Duplex, direction: Direction, bytes: number): Promise<number> {
  const start = performance.now();
  const header = Buffer.alloc(9);
  header[0] = direction === 'down' ? 0x44 : 0x55;
  header.writeBigUInt64BE(BigInt(bytes), 1);
  stream.write(header);
  let received = 0;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (direction === 'up' && received >= 8) resolve();
    });
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  if (direction === 'up') {
    for (let sent = 0; sent < bytes; sent += UPLOAD_CHUNK.length) {
      if (!stream.write(UPLOAD_CHUNK)) await once(stream, 'drain');
    }
  }
  await done;
  const elapsed = performance.now() - start;
  stream.destroy();
  if (direction === 'down' && received !== bytes) throw new Error(`received ${received} of ${bytes}`);
  if (direction === 'up' && received !== 8) throw new Error(`upload not acknowledged (${received} bytes back)`);
  return elapsed;
}

/** A loopback TCP connection with Nagle off. */
export function tcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
