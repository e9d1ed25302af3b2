import { useCallback, useEffect, useState } from 'react';
import { call, subscribe } from '../../ipc/bridge';
import { describeError } from '../../ui/use-async';
import type { AuthStatus, DeviceCodePrompt } from './signin-model';

/** The live identity state: loaded once, then kept current by `auth.state` and `auth.deviceCode` events. */
export function useAuthStatus(): { status: AuthStatus | undefined; prompt: DeviceCodePrompt | undefined; loadError: { code: string; message: string } | undefined } {
  const [status, setStatus] = useState<AuthStatus>();
  const [prompt, setPrompt] = useState<DeviceCodePrompt>();
  const [loadError, setLoadError] = useState<{ code: string; message: string }>();
  const onStatus = useCallback((next: AuthStatus) => {
    setStatus(next);
    if (!(next.state === 'signing-in' && next.method === 'deviceCode')) setPrompt(undefined);
  }, []);
  useEffect(() => {
    let live = true;
    const offState = subscribe('auth.state', onStatus);
    const offPrompt = subscribe('auth.deviceCode', setPrompt);
    call('auth.status').then(
      (s) => live && onStatus(s),
      (error: unknown) => live && setLoadError(describeError(error)),
    );
    return () => {
      live = false;
      offState();
      offPrompt();
    };
  }, [onStatus]);
  return { status, prompt, loadError };
}
