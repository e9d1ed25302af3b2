import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { FrameTap } from '../../../../../src-main/services/bastion/ws-frame-tap';

/** A frame as a server sends it (unmasked). */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const first = (fin ? 0x80 : 0) | opcode;
  if (payload.length < 126) return Buffer.concat([Buffer.from([first, payload.length]), payload]);
  if (payload.length < 65536) {
    const header = Buffer.from([first, 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
    return Buffer.concat([header, payload]);
  }
  const header = Buffer.alloc(10);
  header[0] = first;
  header[1] = 127;
  header.writeUInt32BE(payload.length, 6);
  return Buffer.concat([header, payload]);
}

function pattern(length: number, start = 0): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (start + i) % 251;
  return bytes;
}

/** A tap over a stand-in receiver that records what it is handed. */
function tapWithRecorder(): { tap: FrameTap; payload: Buffer[]; forwarded: Buffer[] } {
  const payload: Buffer[] = [];
  const forwarded: Buffer[] = [];
  const ws = { _receiver: { write: (chunk: Buffer) => { forwarded.push(Buffer.from(chunk)); return true; } } } as unknown as WebSocket;
  const tap = FrameTap.install(ws, (slice) => payload.push(Buffer.from(slice)))!;
  return { tap, payload, forwarded };
}

describe('FrameTap: binary payloads off the socket, everything else to ws', () => {
  const wire = Buffer.concat([
    frame(2, pattern(5)),
    frame(9, Buffer.from('ping!')),
    frame(2, pattern(300, 5), false),
    frame(10, Buffer.alloc(0)),
    frame(0, pattern(70_000, 305), false),
    frame(0, Buffer.alloc(0), true),
    frame(2, Buffer.alloc(0)),
    frame(2, pattern(126, 70_305)),
  ]);
  const expectedPayload = pattern(70_431);
  const expectedControl = [frame(9, Buffer.from('ping!')), frame(10, Buffer.alloc(0))];

  it('gives every payload byte in order and every control frame whole, however the socket cuts the bytes', () => {
    for (const cut of [1, 2, 3, 7, 10, 127, 4096, 16_384, wire.length]) {
      const { tap, payload, forwarded } = tapWithRecorder();
      for (let offset = 0; offset < wire.length; offset += cut) tap.feed(wire.subarray(offset, offset + cut));
      expect(Buffer.concat(payload).equals(expectedPayload), `cut ${cut}`).toBe(true);
      expect(forwarded, `cut ${cut}`).toEqual(expectedControl);
    }
  });

  it('hands a text frame and everything after it to ws unchanged', () => {
    const { tap, payload, forwarded } = tapWithRecorder();
    const rest = Buffer.concat([frame(1, Buffer.from('hello')), frame(2, pattern(10))]);
    tap.feed(Buffer.concat([frame(2, pattern(3)), rest]));
    expect(Buffer.concat(payload).equals(pattern(3))).toBe(true);
    expect(Buffer.concat(forwarded).equals(rest)).toBe(true);
  });

  it.each([
    ['a masked frame', Buffer.from([0x82, 0x81, 0, 0, 0, 0, 1])],
    ['reserved bits', Buffer.from([0xc2, 0x01, 1])],
    ['a continuation with no message open', Buffer.from([0x80, 0x01, 1])],
    ['a fragmented ping', Buffer.from([0x09, 0x00])],
  ])('hands %s to ws, which refuses it', (_label, bytes) => {
    const { tap, payload, forwarded } = tapWithRecorder();
    tap.feed(bytes);
    expect(payload).toEqual([]);
    expect(Buffer.concat(forwarded).equals(bytes)).toBe(true);
  });
});

describe('FrameTap on a real ws client', () => {
  const closers: Array<() => void> = [];
  afterEach(() => { closers.splice(0).forEach((close) => close()); });

  it('carries fragmented binary messages, keeps pings answered, reports text as a message and a clean close as 1000', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    closers.push(() => server.close());
    await once(server, 'listening');
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    client.binaryType = 'nodebuffer';
    const payload: Buffer[] = [];
    const messages: Array<[string, boolean]> = [];
    client.on('message', (data: Buffer, isBinary: boolean) => messages.push([data.toString(), isBinary]));
    let tap: FrameTap | undefined;
    client.once('open', () => { tap = FrameTap.install(client, (slice) => payload.push(Buffer.from(slice))); });
    const [peer] = (await once(server, 'connection')) as [WebSocket];
    const pong = once(peer, 'pong');
    const big = pattern(200_000);
    peer.send(big.subarray(0, 1000), { binary: true, fin: false });
    peer.ping('alive?');
    peer.send(big.subarray(1000), { binary: true, fin: true });
    peer.send('text on a byte tunnel');
    const [pongData] = (await pong) as [Buffer];
    peer.close(1000);
    const [code] = (await once(client, 'close')) as [number];
    expect(tap).toBeDefined();
    expect(pongData.toString()).toBe('alive?');
    expect(Buffer.concat(payload).equals(big)).toBe(true);
    expect(messages).toEqual([['text on a byte tunnel', false]]);
    expect(code).toBe(1000);
  });
});
