import { useCallback, useEffect, useState } from 'react';
import { call } from '../../ipc/bridge';
import { describeError } from '../../ui/use-async';
import type { PimAccessValue } from './pim-model';

/** Loads `pim.access` for the scopes while `enabled`, with a reload for after an action. */
export function usePimAccess(scopes: readonly string[], enabled: boolean) {
  const [access, setAccess] = useState<PimAccessValue>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const key = scopes.join('|');
  const fetchAccess = useCallback(
    () =>
      call('pim.access', { scopes: key.split('|') }).then(
        (value) => {
          setAccess(value);
          setError(undefined);
        },
        (e: unknown) => setError(describeError(e)),
      ),
    [key],
  );
  useEffect(() => {
    if (enabled) void fetchAccess();
  }, [enabled, fetchAccess]);
  const reload = useCallback(async () => {
    setBusy(true);
    try {
      await fetchAccess();
    } finally {
      setBusy(false);
    }
  }, [fetchAccess]);
  const loading = busy || (enabled && access === undefined && error === undefined);
  return { access, error, loading, reload };
}

/** `Date.now()`, re-rendered every second (for time-left countdowns). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
