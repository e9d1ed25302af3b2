import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SharedOutputWindow, TerminalOutput } from '../../../../../src-main/services/sessions/terminal-output';

function harness(high = 100, low = 20, maxBatch?: number) {
  const flushed: Array<{ data: string; bytes: number }> = [];
  const calls: string[] = [];
  const output = new TerminalOutput(
    { flush: (data, bytes) => flushed.push({ data, bytes }), pause: () => calls.push('pause'), resume: () => calls.push('resume') },
    { highWaterBytes: high, lowWaterBytes: low, frameMs: 16, ...(maxBatch ? { maxBatchBytes: maxBatch } : {}) },
    () => Date.now(),
  );
  return { output, flushed, calls };
}

describe('TerminalOutput', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the first output after a quiet frame at once, then at most one batch per frame', () => {
    const { output, flushed } = harness(1000);
    output.push(Buffer.from('ab'));
    output.push(Buffer.from('cd'));
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(flushed).toEqual([{ data: 'abcd', bytes: 4 }]);
    vi.advanceTimersByTime(5);
    output.push(Buffer.from('e'));
    output.push(Buffer.from('f'));
    vi.advanceTimersByTime(10);
    expect(flushed).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(flushed).toEqual([
      { data: 'abcd', bytes: 4 },
      { data: 'ef', bytes: 2 },
    ]);
    vi.advanceTimersByTime(40);
    output.push(Buffer.from('g'));
    vi.advanceTimersByTime(0);
    expect(flushed.at(-1)).toEqual({ data: 'g', bytes: 1 });
  });

  it('sends a batch that reaches the batch limit at once, without waiting for the frame', () => {
    const { output, flushed } = harness(1000, 200, 100);
    output.push(Buffer.alloc(10, 97));
    vi.advanceTimersByTime(0);
    expect(flushed).toHaveLength(1);
    output.push(Buffer.alloc(60, 98));
    expect(flushed).toHaveLength(1);
    output.push(Buffer.alloc(60, 99));
    expect(flushed.map((f) => f.bytes)).toEqual([10, 120]);
    output.push(Buffer.alloc(5, 100));
    expect(flushed).toHaveLength(2);
    vi.advanceTimersByTime(16);
    expect(flushed.map((f) => f.bytes)).toEqual([10, 120, 5]);
  });

  it('keeps several batches in flight under bulk output, still bounded by the high-water mark', () => {
    const { output, flushed, calls } = harness(400, 100);
    for (let i = 0; i < 8; i++) output.push(Buffer.alloc(50, 97));
    expect(flushed.map((f) => f.bytes)).toEqual([100, 100, 100, 100]);
    expect(calls).toEqual(['pause']);
    output.ack(100);
    output.ack(100);
    expect(calls).toEqual(['pause']);
    output.ack(100);
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('keeps a multi-byte character whole when it is split across chunks, also at a batch boundary', () => {
    const { output: bounded, flushed: batches } = harness(1000, 200, 4);
    for (const b of Buffer.from('aaあ😀b', 'utf8')) bounded.push(Buffer.from([b]));
    vi.advanceTimersByTime(16);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.map((f) => f.data).join('')).toBe('aaあ😀b');
    expect(batches.map((f) => f.data).join('')).not.toContain('\uFFFD');
  });

  it('keeps a multi-byte character whole when it is split across chunks', () => {
    const { output, flushed } = harness(1000);
    const bytes = Buffer.from('あ😀', 'utf8');
    for (const b of bytes) {
      output.push(Buffer.from([b]));
      vi.advanceTimersByTime(16);
    }
    expect(flushed.map((f) => f.data).join('')).toBe('あ😀');
    expect(flushed.reduce((n, f) => n + f.bytes, 0)).toBe(bytes.length);
    expect(flushed.map((f) => f.data).join('')).not.toContain('\uFFFD');
  });

  it('pauses above the high-water mark and resumes only below the low-water mark', () => {
    const { output, calls } = harness(100, 20);
    output.push(Buffer.alloc(60, 97));
    expect(calls).toEqual([]);
    output.push(Buffer.alloc(60, 97));
    expect(calls).toEqual(['pause']);
    expect(output.counters()).toMatchObject({ bytesIn: 120, unacknowledged: 120, paused: true });
    output.ack(90);
    expect(calls).toEqual(['pause']);
    output.ack(10);
    expect(calls).toEqual(['pause', 'resume']);
    output.ack(1_000_000);
    expect(output.counters().unacknowledged).toBe(0);
  });

  it('ignores negative or fractional acks from an untrusted renderer', () => {
    const { output } = harness(100, 20);
    output.push(Buffer.alloc(50));
    output.ack(-500);
    output.ack(0.5);
    expect(output.counters().unacknowledged).toBe(50);
  });

  it('flushes a trailing incomplete character as U+FFFD on end', () => {
    const { output, flushed } = harness(1000);
    output.push(Buffer.from([0xe3, 0x81]));
    output.end();
    expect(flushed).toEqual([{ data: '\uFFFD', bytes: 2 }]);
  });
});

describe('SharedOutputWindow (terminals not in front)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Two terminals (own windows 1000/500) behind one shared window of 100, reopened at 50. */
  function twoBehindOneWindow() {
    const shared = new SharedOutputWindow(100, 50);
    const pair = [harness(1000, 500), harness(1000, 500)] as const;
    for (const t of pair) t.output.setSharedWindow(shared);
    return { shared, pair };
  }

  it('holds every background terminal once together they fill the window, and reopens when it drains', () => {
    const { shared, pair: [a, b] } = twoBehindOneWindow();
    a.output.push(Buffer.alloc(60, 'a'));
    expect(a.calls).toEqual([]);
    b.output.push(Buffer.alloc(60, 'b'));
    expect(b.calls).toEqual(['pause']);
    expect(shared.usedBytes).toBe(120);
    a.output.push(Buffer.alloc(1, 'a'));
    expect(a.calls).toEqual(['pause']);

    a.output.ack(61);
    expect(shared.usedBytes).toBe(60);
    expect([a.calls, b.calls]).toEqual([['pause'], ['pause']]);
    b.output.ack(10);
    expect(shared.usedBytes).toBe(50);
    expect([a.calls, b.calls]).toEqual([['pause', 'resume'], ['pause', 'resume']]);
  });

  it('a terminal brought to the front leaves with its bytes in flight, which lets the others read again', () => {
    const { shared, pair: [front, back] } = twoBehindOneWindow();
    front.output.push(Buffer.alloc(90, 'f'));
    back.output.push(Buffer.alloc(20, 'b'));
    expect(back.calls).toEqual(['pause']);

    front.output.setSharedWindow(undefined);
    expect(shared.usedBytes).toBe(20);
    expect(back.calls).toEqual(['pause', 'resume']);
    front.output.push(Buffer.alloc(500, 'f'));
    expect(front.calls).toEqual([]);
    expect(shared.usedBytes).toBe(20);

    // Sent to the back again, its 590 unacknowledged bytes count against the shared window at once.
    front.output.setSharedWindow(shared);
    expect(shared.usedBytes).toBe(610);
    expect(front.calls).toEqual(['pause']);
    front.output.dispose();
    expect(shared.usedBytes).toBe(20);
  });
});

