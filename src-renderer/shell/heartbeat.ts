/**
 * Answers main's `app.ping` with `app.heartbeat`, so main's watchdog can tell a stuck page where
 * Electron's `unresponsive` event is missing (browser harness, demo). A page too busy to run this
 * is exactly what the watchdog looks for.
 */
import { call, hasBridge, subscribe } from '../ipc/bridge';

/** Starts answering pings; returns the stop function. */
export function answerPings(): () => void {
  if (!hasBridge()) return () => undefined;
  return subscribe('app.ping', () => void call('app.heartbeat').catch(() => undefined));
}
