import { describe, expect, it } from 'vitest';
import { BackgroundWrites, type BackgroundTerminal } from '../../../../../src-renderer/features/terminals/background-writes';

/** A terminal that parses only when told to, and records what it was given. */
class SlowTerminal implements BackgroundTerminal {
  readonly written: string[] = [];
  readonly parsed: string[] = [];
  private readonly pending: Array<() => void> = [];
  constructor(readonly name: string) {}
  write(data: string, done: () => void): void {
    this.written.push(data);
    this.pending.push(() => {
      this.parsed.push(data);
      done();
    });
  }
  /** Finishes parsing the oldest write; false when none is waiting. */
  finishOne(): boolean {
    const next = this.pending.shift();
    next?.();
    return next !== undefined;
  }
  get inParse(): number {
    return this.pending.length;
  }
}

/** A queue whose turns are taken by hand, so a test sees every step. */
function queueWithManualTurns() {
  const turns: Array<() => void> = [];
  const queue = new BackgroundWrites((next) => turns.push(next));
  return { queue, turns, takeTurn: () => turns.shift()?.() };
}

describe('BackgroundWrites', () => {
  it('has at most one background write being parsed at a time, across all terminals', () => {
    const { queue, takeTurn } = queueWithManualTurns();
    const a = new SlowTerminal('a');
    const b = new SlowTerminal('b');
    for (let i = 0; i < 3; i++) {
      queue.enqueue(a, `a${i}`, () => undefined);
      queue.enqueue(b, `b${i}`, () => undefined);
    }
    expect(a.inParse + b.inParse).toBe(1);
    a.finishOne();
    // The next write waits for the page's turn, even though one is ready.
    expect(a.inParse + b.inParse).toBe(0);
    takeTurn();
    expect(a.inParse + b.inParse).toBe(1);
  });

  it('lets terminals take turns, keeps each terminal in order, and acknowledges only what was parsed', () => {
    const { queue, takeTurn } = queueWithManualTurns();
    const a = new SlowTerminal('a');
    const b = new SlowTerminal('b');
    const acked: string[] = [];
    for (let i = 0; i < 3; i++) {
      queue.enqueue(a, `a${i}`, () => acked.push(`a${i}`));
      queue.enqueue(b, `b${i}`, () => acked.push(`b${i}`));
    }
    const order: string[] = [];
    for (;;) {
      const busy = a.inParse ? a : b.inParse ? b : undefined;
      if (!busy) break;
      order.push(busy.written.at(-1)!);
      busy.finishOne();
      takeTurn();
    }
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'b2']);
    expect(acked).toEqual(order);
    expect(queue.queuedWrites).toBe(0);
  });

  it('a terminal brought to the front gets what is queued for it at once, in order, after the write in parse', () => {
    const { queue, takeTurn } = queueWithManualTurns();
    const a = new SlowTerminal('a');
    const acked: string[] = [];
    for (let i = 0; i < 4; i++) queue.enqueue(a, `a${i}`, () => acked.push(`a${i}`));
    expect(a.written).toEqual(['a0']);
    queue.flush(a);
    expect(a.written).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(queue.queuedWrites).toBe(0);
    while (a.finishOne()) takeTurn();
    expect(acked).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('a terminal that closes mid-parse does not hold the others back, and its queued output is dropped unacknowledged', () => {
    const { queue, takeTurn } = queueWithManualTurns();
    const gone = new SlowTerminal('gone');
    const other = new SlowTerminal('other');
    const acked: string[] = [];
    queue.enqueue(gone, 'g0', () => acked.push('g0'));
    queue.enqueue(gone, 'g1', () => acked.push('g1'));
    queue.enqueue(other, 'o0', () => acked.push('o0'));
    queue.drop(gone);
    // Its parse never finishes (the terminal was disposed); the other terminal goes on.
    expect(other.written).toEqual(['o0']);
    other.finishOne();
    takeTurn();
    expect(acked).toEqual(['o0']);
    expect(gone.written).toEqual(['g0']);
    expect(queue.queuedWrites).toBe(0);
  });

  it('a late completion from a dropped terminal does not start a second write in parallel', () => {
    const { queue } = queueWithManualTurns();
    const gone = new SlowTerminal('gone');
    const other = new SlowTerminal('other');
    queue.enqueue(gone, 'g0', () => undefined);
    queue.enqueue(other, 'o0', () => undefined);
    queue.enqueue(other, 'o1', () => undefined);
    queue.drop(gone);
    expect(other.inParse).toBe(1);
    gone.finishOne();
    expect(other.inParse).toBe(1);
  });
});
