import { describe, expect, it } from 'vitest';
import { BytePipe, PipeSide, SHARED_SEND_BYTES } from '../../../../../../src-main/services/ssh/session-process/byte-pipe';
import type { CreditMessage, PipeMessage } from '../../../../../../src-main/services/ssh/session-process/messages';

/** Two sides joined as over a process boundary: each message arrives on a later turn, as a copy. */
function joined() {
  const pipes = { a: new Map<number, BytePipe>(), b: new Map<number, BytePipe>() };
  let inFlightAtoB = 0;
  let maxInFlightAtoB = 0;
  const sides = {} as { a: PipeSide; b: PipeSide };
  const deliver = (to: 'a' | 'b') => (message: PipeMessage | CreditMessage) => {
    const copy = message.op === 'data' ? { ...message, data: new Uint8Array(message.data) } : message;
    if (to === 'b' && message.op === 'data') maxInFlightAtoB = Math.max(maxInFlightAtoB, (inFlightAtoB += message.data.byteLength));
    setImmediate(() => {
      if (to === 'b' && copy.op === 'data') inFlightAtoB -= copy.data.byteLength;
      if (copy.op === 'credit') sides[to].credited(copy.bytes);
      else pipes[to].get(copy.pipe)?.receive(copy);
    });
  };
  sides.a = new PipeSide(deliver('b'));
  sides.b = new PipeSide(deliver('a'));
  const pair = (id: number) => {
    const a = new BytePipe(id, sides.a);
    const b = new BytePipe(id, sides.b);
    pipes.a.set(id, a);
    pipes.b.set(id, b);
    return { a, b };
  };
  return { pair, maxInFlightAtoB: () => maxInFlightAtoB };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

/** Writes `count` chunks, respecting backpressure; resolves when all were accepted. */
async function writeAll(pipe: BytePipe, chunk: Buffer, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (!pipe.write(chunk)) await new Promise((r) => pipe.once('drain', r));
  }
}

describe('BytePipe', () => {
  it("carries bytes in order and ends the reader at the writer's end", async () => {
    const { a, b } = joined().pair(1);
    const got: Buffer[] = [];
    b.on('data', (chunk: Buffer) => got.push(chunk));
    const ended = new Promise((r) => b.once('end', r));
    for (let i = 0; i < 100; i++) a.write(Buffer.from(`${i},`));
    a.end();
    await ended;
    expect(Buffer.concat(got).toString()).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(''));
  });

  it('a reader that stops reading stops its writer; everything arrives once it reads again', async () => {
    const world = joined();
    const { a, b } = world.pair(1);
    b.pause();
    const chunk = Buffer.alloc(32 * 1024, 7);
    let written = 0;
    const writing = writeAll(a, chunk, 256).then(() => (written = 256));
    await settle();
    expect(written).toBe(0);
    expect(b.readableLength).toBeLessThanOrEqual(64 * 1024 + SHARED_SEND_BYTES + chunk.length);
    let received = 0;
    const all = new Promise<void>((resolve) =>
      b.on('data', (c: Buffer) => {
        received += c.length;
        if (received === 256 * chunk.length) resolve();
      }),
    );
    b.resume();
    await Promise.all([all, writing]);
    expect(written).toBe(256);
  });

  it('keeps little in flight across all pipes of a side, and a paused pipe does not hold the others back', async () => {
    const world = joined();
    const background = [1, 2, 3, 4].map((id) => world.pair(id));
    const front = world.pair(9);
    for (const { b } of background) b.pause();
    const chunk = Buffer.alloc(16 * 1024, 1);
    for (const { a } of background) void writeAll(a, chunk, 200);
    await settle();
    const echoed = new Promise<string>((resolve) => front.b.once('data', (c: Buffer) => resolve(c.toString())));
    front.a.write('key');
    expect(await echoed).toBe('key');
    expect(world.maxInFlightAtoB()).toBeLessThanOrEqual(SHARED_SEND_BYTES + 4 * chunk.length);
  });

  it('ignores what arrives after it was destroyed, and a write after that raises nothing uncaught', async () => {
    const { a, b } = joined().pair(1);
    b.destroy();
    a.write(Buffer.from('late'));
    await settle();
    expect(b.destroyed).toBe(true);
    b.write(Buffer.from('after'));
    await settle();
  });
});
