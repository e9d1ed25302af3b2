import { describe, expect, it } from 'vitest';
import { BytePipe, PIPE_WINDOW_BYTES } from '../../../../../../src-main/services/ssh/session-process/byte-pipe';
import type { PipeMessage } from '../../../../../../src-main/services/ssh/session-process/messages';

/** Two ends joined as over a process boundary: each message arrives on a later turn, as a copy. */
function joined(): { a: BytePipe; b: BytePipe; sentByA: () => number } {
  let sentByA = 0;
  const deliver = (to: () => BytePipe) => (message: PipeMessage) => {
    if (message.op === 'data' && to === toB) sentByA += message.data.byteLength;
    const copy = message.op === 'data' ? { ...message, data: new Uint8Array(message.data) } : message;
    setImmediate(() => to().receive(copy));
  };
  const toB = () => b;
  const a: BytePipe = new BytePipe(1, deliver(toB));
  const b: BytePipe = new BytePipe(1, deliver(() => a));
  return { a, b, sentByA: () => sentByA };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('BytePipe', () => {
  it('carries bytes in order and ends the reader at the writer\'s end', async () => {
    const { a, b } = joined();
    const got: Buffer[] = [];
    b.on('data', (chunk: Buffer) => got.push(chunk));
    const ended = new Promise((r) => b.once('end', r));
    for (let i = 0; i < 100; i++) a.write(Buffer.from(`${i},`));
    a.end();
    await ended;
    expect(Buffer.concat(got).toString()).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(''));
  });

  it('stops the writer at the window while the reader is paused, and delivers everything once it reads', async () => {
    const { a, b, sentByA } = joined();
    b.pause();
    const chunk = Buffer.alloc(64 * 1024, 7);
    let accepted = 0;
    let blocked = false;
    const total = 64;
    for (let i = 0; i < total; i++) {
      if (!a.write(chunk)) blocked = true;
      accepted++;
    }
    await settle();
    // The writer's own buffer holds the rest: no more than the window (plus the chunk that crossed it) went out.
    expect(blocked).toBe(true);
    expect(sentByA()).toBeLessThanOrEqual(PIPE_WINDOW_BYTES + chunk.length);
    expect(sentByA()).toBeLessThan(total * chunk.length);
    let received = 0;
    const all = new Promise<void>((resolve) =>
      b.on('data', (c: Buffer) => {
        received += c.length;
        if (received === total * chunk.length) resolve();
      }),
    );
    b.resume();
    await all;
    expect(accepted).toBe(total);
    expect(sentByA()).toBe(total * chunk.length);
  });

  it('ignores what arrives after it was destroyed, and a write after that raises nothing uncaught', async () => {
    const { a, b } = joined();
    b.destroy();
    a.write(Buffer.from('late'));
    await settle();
    expect(b.destroyed).toBe(true);
    b.write(Buffer.from('after'));
    await settle();
  });
});
