import { afterEach, describe, expect, it, vi } from 'vitest';
import { AckBatcher } from '../../../../../src-renderer/features/terminals/ack-batcher';

describe('AckBatcher', () => {
  afterEach(() => vi.useRealTimers());

  it('acknowledges at once when the threshold is reached', () => {
    const sent: number[] = [];
    const batcher = new AckBatcher((n) => sent.push(n), 100, 1000);
    batcher.processed(60);
    expect(sent).toEqual([]);
    batcher.processed(50);
    expect(sent).toEqual([110]);
  });

  it('acknowledges a small remainder after the idle delay, exactly once', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const batcher = new AckBatcher((n) => sent.push(n), 1000, 16);
    batcher.processed(10);
    batcher.processed(5);
    vi.advanceTimersByTime(20);
    expect(sent).toEqual([15]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([15]);
  });

  it('sends nothing after dispose', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const batcher = new AckBatcher((n) => sent.push(n), 1000, 16);
    batcher.processed(10);
    batcher.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});
