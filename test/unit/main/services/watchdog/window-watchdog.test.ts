import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../src-main/services/audit/audit-record';
import { HeartbeatMonitor } from '../../../../../src-main/services/watchdog/heartbeat-monitor';
import { WindowWatchdog, type WatchdogChoice, type WatchdogOffer } from '../../../../../src-main/services/watchdog/window-watchdog';
import { MemoryLogger } from '../../../../support/memory-logger';

function world(choice: WatchdogChoice) {
  const events: AuditEvent[] = [];
  const offers: WatchdogOffer[] = [];
  const closed: string[] = [];
  let reloads = 0;
  let clock = 1000;
  const watchdog = new WindowWatchdog(
    {
      audit: { record: async (e) => events.push(e) },
      log: new MemoryLogger(),
      sessionLabel: (id) => ({ s1: 'jump box', s2: 'other' })[id],
      closeSession: async (id) => closed.push(id),
      offer: async (o) => (offers.push(o), choice),
      reloadWindow: () => void reloads++,
      language: async () => 'ja',
    },
    () => clock,
  );
  return { watchdog, events, offers, closed, reloads: () => reloads, tick: (ms: number) => (clock += ms) };
}

describe('WindowWatchdog', () => {
  it('audits a stuck window with the session that last wrote output, offers to close it, and closes it when chosen', async () => {
    const w = world('close-session');
    w.watchdog.noteOutput('s2');
    w.watchdog.noteOutput('s1');
    expect(await w.watchdog.unresponsive('electron')).toBe('close-session');
    expect(w.events[0]).toMatchObject({ type: 'window.unresponsive', outcome: 'failure', target: 'jump box', details: { source: 'electron', lastOutputSession: 's1' } });
    expect(w.offers).toEqual([{ sessionId: 's1', label: 'jump box', language: 'ja' }]);
    expect(w.events[1]).toMatchObject({ type: 'window.recovery', details: { choice: 'close-session', session: 's1' } });
    expect(w.closed).toEqual(['s1']);
    w.tick(4000);
    w.watchdog.responsive();
    expect(w.events[2]).toMatchObject({ type: 'window.responsive', details: { stuckMs: 4000 } });
  });

  it('reloads the window when chosen, and offers no session when the last writer is gone', async () => {
    const w = world('reload');
    w.watchdog.noteOutput('gone');
    await w.watchdog.unresponsive('heartbeat');
    expect(w.offers).toEqual([{ language: 'ja' }]);
    expect(w.reloads()).toBe(1);
    expect(w.closed).toEqual([]);
  });

  it('reports one stuck period once, and a responsive window without a stuck one not at all', async () => {
    const w = world('wait');
    w.watchdog.responsive();
    await Promise.all([w.watchdog.unresponsive('electron'), w.watchdog.unresponsive('heartbeat')]);
    expect(w.events.map((e) => e.type)).toEqual(['window.unresponsive', 'window.recovery']);
    expect(w.closed).toEqual([]);
    expect(w.reloads()).toBe(0);
  });
});

describe('HeartbeatMonitor', () => {
  it('reports a page that stopped answering, and its return', () => {
    let clock = 0;
    const calls: string[] = [];
    const target = { stuck: false, unresponsive: () => ((target.stuck = true), calls.push('stuck')), responsive: () => ((target.stuck = false), calls.push('back')) };
    const monitor = new HeartbeatMonitor(target, () => undefined, { intervalMs: 60_000, timeoutMs: 3000 }, () => clock);
    monitor.check();
    expect(calls).toEqual([]); // not armed before the first answer
    monitor.beat();
    clock = 2000;
    monitor.check();
    expect(calls).toEqual([]);
    clock = 6000;
    monitor.check();
    monitor.check();
    expect(calls).toEqual(['stuck']);
    monitor.beat();
    expect(calls).toEqual(['stuck', 'back']);
    monitor.dispose();
  });
});
