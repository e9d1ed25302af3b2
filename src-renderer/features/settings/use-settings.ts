import { useEffect, useState } from 'react';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, subscribe } from '../../ipc/bridge';

/** The operator's settings as main holds them. */
export type SettingsValue = InvokeResponse<'settings.get'>;

/** Loads settings once and follows `settings.changed` events from main. */
export function useSettings(): SettingsValue | undefined {
  const [value, setValue] = useState<SettingsValue>();
  useEffect(() => {
    let live = true;
    void call('settings.get').then((v) => live && setValue(v));
    const off = subscribe('settings.changed', (v) => setValue(v));
    return () => {
      live = false;
      off();
    };
  }, []);
  return value;
}
