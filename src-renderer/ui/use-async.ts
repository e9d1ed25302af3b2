import { useCallback, useEffect, useRef, useState } from 'react';
import { IpcError } from '../ipc/bridge';

/** State of one async call as the UI shows it. */
export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; code: string; message: string; params?: Readonly<Record<string, string>> };

/** Turns any thrown value into the code, message and params the UI words (see ErrorText). */
export function describeError(error: unknown): { code: string; message: string; params?: Readonly<Record<string, string>> } {
  if (error instanceof IpcError) return error.params ? { code: error.code, message: error.message, params: error.params } : { code: error.code, message: error.message };
  return { code: 'renderer.unexpected', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Runs `load` on mount, whenever `load` changes identity, and on `reload()`, tracking loading,
 * value and error; stale answers are ignored. Pass a stable function (module-level or useCallback).
 */
export function useAsync<T>(load: () => Promise<T>): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  const [nonce, setNonce] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    load().then(
      (value) => mine === generation.current && setState({ status: 'ready', value }),
      (error: unknown) => mine === generation.current && setState({ status: 'error', ...describeError(error) }),
    );
  }, [load, nonce]);
  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setNonce((n) => n + 1);
  }, []);
  return { ...state, reload };
}
