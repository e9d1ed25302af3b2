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
});
