import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionOutput } from '../../../../../src-renderer/features/terminals/session-output';
import { useTerminalSession } from '../../../../../src-renderer/features/terminals/use-terminal-session';
import type { XtermHost } from '../../../../../src-renderer/features/terminals/xterm-host';

/** A host that parses instantly, as far as the hook can tell. */
const host = { write: (_data: string, done: () => void) => done() } as unknown as XtermHost;

describe('useTerminalSession figures', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a shown pane publishes its byte counters a few times a second; a hidden one renders nothing until shown, then catches up', () => {
    let renders = 0;
    const { result, rerender } = renderHook(({ visible }: { visible: boolean }) => {
      renders++;
      return useTerminalSession('pane-test', host, visible);
    }, { initialProps: { visible: true } });
    act(() => sessionOutput().deliver({ sessionId: 'pane-test', data: 'abc', bytes: 3 }));
    act(() => vi.advanceTimersByTime(300));
    expect(result.current.figures.bytesIn).toBe(3);

    rerender({ visible: false });
    const before = renders;
    for (let i = 0; i < 20; i++) {
      act(() => sessionOutput().deliver({ sessionId: 'pane-test', data: 'xyz', bytes: 3 }));
      act(() => vi.advanceTimersByTime(300));
    }
    expect(renders).toBe(before);
    expect(result.current.figures.bytesIn).toBe(3);

    rerender({ visible: true });
    expect(result.current.figures.bytesIn).toBe(63);
    sessionOutput().forget('pane-test');
  });

  it('a hidden pane parses through the background queue, one write at a time; shown, it gets the queued output first, in order', () => {
    const written: string[] = [];
    const parses: Array<() => void> = [];
    const slow = { write: (data: string, done: () => void) => (written.push(data), parses.push(done)) } as unknown as XtermHost;
    const { rerender } = renderHook(({ visible }: { visible: boolean }) => useTerminalSession('pane-queue', slow, visible), { initialProps: { visible: false } });
    for (const data of ['one', 'two', 'three']) act(() => sessionOutput().deliver({ sessionId: 'pane-queue', data, bytes: data.length }));
    // Hidden: only the first is handed to xterm until it has been parsed.
    expect(written).toEqual(['one']);
    rerender({ visible: true });
    expect(written).toEqual(['one', 'two', 'three']);
    act(() => sessionOutput().deliver({ sessionId: 'pane-queue', data: 'four', bytes: 4 }));
    expect(written).toEqual(['one', 'two', 'three', 'four']);
    for (const done of parses) done();
    act(() => vi.runOnlyPendingTimers());
    sessionOutput().forget('pane-queue');
  });
});
