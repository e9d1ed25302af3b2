import { useCallback, useEffect, useRef, useState } from 'react';
import { IpcError } from '../ipc/bridge';

/** State of one async call as the UI shows it. */
export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; code: string; message: string };

/** Turns any thrown value into the code/message pair the UI displays. */
export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof IpcError) return { code: error.code, message: error.message };
  return { code: 'renderer.unexpected', message: error instanceof Error ? error.message : String(error) };
}

/** Runs `load` on mount (and on `reload()`), tracking loading, value and error; ignores stale answers. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'idle' });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    load().then(
      (value) => mine === generation.current && setState({ status: 'ready', value }),
      (error: unknown) => mine === generation.current && setState({ status: 'error', ...describeError(error) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run };
}
