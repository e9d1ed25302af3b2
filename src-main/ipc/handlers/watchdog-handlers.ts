/**
 * Wires the window watchdog: every session's output marks it as the last writer, and where the
 * host has no Electron `unresponsive` event (harness, demo) a heartbeat over the same IPC transport
 * stands in for it (`app.ping` out, `app.heartbeat` back).
 */
import type { SessionManager } from '../../services/sessions/session-manager';
import type { AuditRecorder } from '../../services/audit/audit-record';
import type { Logger } from '../../services/log/logger';
import { HeartbeatMonitor, type HeartbeatOptions } from '../../services/watchdog/heartbeat-monitor';
import { WindowWatchdog, type WatchdogChoice, type WatchdogOffer } from '../../services/watchdog/window-watchdog';
import type { IpcRouter } from '../router';

/** What the watchdog wiring needs from the host. */
export interface WatchdogHostPorts {
  /** Shows the operator the way out of a stuck window (Electron: a native dialog); default: wait. */
  readonly offerRecovery?: (offer: WatchdogOffer) => Promise<WatchdogChoice>;
  /** Reloads the console window (the page takes its sessions back over). */
  readonly reloadWindow?: () => void;
  /** Heartbeat timing, for hosts without Electron's `unresponsive` event. */
  readonly heartbeat?: HeartbeatOptions;
}

/** Builds the watchdog and registers `app.heartbeat`. Returns it and a disposer. */
export function registerWatchdog(
  router: IpcRouter,
  deps: { manager: SessionManager; audit: AuditRecorder; log: Logger; language: () => Promise<'en' | 'ja'> },
  host: WatchdogHostPorts,
): { watchdog: WindowWatchdog; dispose: () => void } {
  const { manager } = deps;
  const watchdog = new WindowWatchdog({
    audit: deps.audit,
    log: deps.log,
    sessionLabel: (id) => manager.listSessions().find((s) => s.sessionId === id)?.label,
    closeSession: (id) => manager.closeSession(id),
    offer: host.offerRecovery ?? (async () => 'wait'),
    reloadWindow: host.reloadWindow ?? (() => undefined),
    language: deps.language,
  });
  let seq = 0;
  const monitor = host.heartbeat ? new HeartbeatMonitor(watchdog, () => router.emit('app.ping', { seq: ++seq }), host.heartbeat) : undefined;
  router.handle('app.heartbeat', () => {
    monitor?.beat();
    return { ok: true };
  });
  const off = manager.onDidData(({ sessionId }) => watchdog.noteOutput(sessionId));
  return {
    watchdog,
    dispose: () => {
      off();
      monitor?.dispose();
    },
  };
}
