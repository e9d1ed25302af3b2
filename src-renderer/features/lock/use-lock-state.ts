import { useEffect, useRef, useState } from 'react';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';
import { learnIdleDeadline, markActivityReported } from './activity-clock';
import { activityInterval, createThrottle } from './activity-throttle';

/** Lock state as the renderer sees it. */
export type LockStateView = InvokeResponse<'lock.state'>;

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Follows main's lock state and reports operator activity (throttled). Also asks for the policy
 * once at start, which makes main announce an invalid policy in the status area.
 */
export function useLockState(): LockStateView | undefined {
  const [state, setState] = useState<LockStateView>();
  const idle = useRef(900);
  useEffect(() => {
    if (!hasBridge()) return undefined;
    // Main knows when the last activity was (before this page loaded): the idle warning starts from it.
    void call('lock.state').then((s) => {
      if (!s.locked) learnIdleDeadline(s.idleLocksInMs, s.idleTimeoutSeconds);
      setState(s);
    }, () => undefined);
    void call('policy.get').catch(() => undefined);
    const off = subscribe('lock.changed', setState);
    const report = createThrottle(() => {
      markActivityReported();
      void call('lock.activity').catch(() => undefined);
    }, () => activityInterval(idle.current));
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, report, { passive: true, capture: true });
    return () => {
      off();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, report, { capture: true });
    };
  }, []);
  useEffect(() => {
    if (state) idle.current = state.idleTimeoutSeconds;
  }, [state]);
  return state;
}
