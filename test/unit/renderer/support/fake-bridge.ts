import { act } from '@testing-library/react';
import type { PreloadApi } from '../../../../src-main/ipc/contract';

/** A bridge whose answers the test scripts, recording every call and letting it push events. */
export function fakeBridge(answers: Record<string, (req: unknown) => unknown>) {
  const calls: Array<{ channel: string; req: unknown }> = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const invoke = new Proxy({}, {
    get: (_t, channel: string) => async (req: unknown) => {
      calls.push({ channel, req });
      const answer = answers[channel];
      if (!answer) return { ok: false, error: { code: 'test.unscripted', message: channel } };
      try {
        return { ok: true, data: await answer(req) };
      } catch (error) {
        return { ok: false, error: error as { code: string; message: string } };
      }
    },
  });
  const on = new Proxy({}, {
    get: (_t, event: string) => (listener: (p: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  });
  window.aksConsole = { invoke, on } as unknown as PreloadApi;
  return { calls, emit: (event: string, payload: unknown) => act(() => listeners.get(event)?.forEach((l) => l(payload))) };
}
