/**
 * OS screen-lock and suspend events for the idle lock (Electron glue: `powerMonitor` exists only
 * in the main process after `app.whenReady()`). Reviewed Electron glue.
 */
import { powerMonitor } from 'electron';

/** Subscribes to screen lock and suspend; returns the unsubscribe function (the core's `osLockEvents` port). */
export function powerMonitorLockEvents(listener: (kind: 'lock-screen' | 'suspend') => void): () => void {
  const onLock = () => listener('lock-screen');
  const onSuspend = () => listener('suspend');
  powerMonitor.on('lock-screen', onLock);
  powerMonitor.on('suspend', onSuspend);
  return () => {
    powerMonitor.off('lock-screen', onLock);
    powerMonitor.off('suspend', onSuspend);
  };
}
