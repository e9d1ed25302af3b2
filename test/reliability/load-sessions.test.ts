/**
 * Load: 20 SSH sessions print at full speed into the real renderer while the operator types into a
 * 21st. Everything is real but the transport (OpenSSH sshd, the core, the router, xterm.js in
 * Chromium). Asserts correctness only: every key echoed, in order, and written by the remote side;
 * every stream delivered whole; a tab switch worked under load; nothing left open after the tabs
 * closed; no renderer crash. Prints the echo and paint figures (load vs idle, same run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary, percentile, summarize } from '../support/terminal-load/stats';
import { startLoadWorld, type LoadWorld } from '../support/terminal-load/load-world';
import { runLoadScenario, type ScenarioResult } from '../support/terminal-load/load-scenario';

const STREAMS = 20;

describe('20 streaming sessions while the operator types in a 21st', () => {
  let w: LoadWorld;
  let r: ScenarioResult;

  beforeAll(async () => {
    w = await startLoadWorld(STREAMS);
    r = await runLoadScenario(w, { idleLines: 2, loadLines: 2, lineLength: 10, gapMs: 40 });
  }, 600_000);
  afterAll(async () => {
    if (r) {
      const idle = summarize(r.idle.flatMap((e) => (e.ms === undefined ? [] : [e.ms])));
      const loaded = summarize(r.loaded.flatMap((e) => (e.ms === undefined ? [] : [e.ms])));
      const mib = w.tallies.reduce((n, t) => n + t.bytes, 0) / 1024 / 1024;
      const paint = (f: ScenarioResult['idlePaint']) =>
        `rAF gap p99 ${percentile(f.frames, 99).toFixed(1)} / max ${Math.max(0, ...f.frames).toFixed(1)} ms, long tasks ${f.longTasksObserved ? f.longTasks.length : 'n/a'}`;
      console.log(
        [
          `reliability: load — ${STREAMS} streams delivered ${mib.toFixed(1)} MiB (${w.tallies.reduce((n, t) => n + t.lines, 0)} lines) in ${r.secondsUnderLoad.toFixed(1)} s while the operator typed; ` +
            `keys echoed ${r.idle.length + r.loaded.length - [...r.idle, ...r.loaded].filter((e) => e.ms === undefined).length}/${r.typedLines.join('').length}; sessions leaked ${r.sessionsLeftInCore}; sshd connections left ${r.sshdConnectionsLeft}`,
          `  echo under load: ${formatSummary(loaded)}`,
          `  echo idle (same run): ${formatSummary(idle)}; p99 under load / idle: ${(loaded.p99 / idle.p99).toFixed(1)}x`,
          `  paint idle: ${paint(r.idlePaint)}; under load: ${paint(r.loadPaint)}; tab switch under load ${r.tabSwitch.ms.toFixed(0)} ms (click to live output painted)`,
        ].join('\n'),
      );
    }
    await w?.close();
  });

  it('echoes every key, in order, at idle and under load, and the jump box receives them all', () => {
    expect(r.idle.filter((e) => e.ms === undefined)).toEqual([]);
    expect(r.loaded.filter((e) => e.ms === undefined)).toEqual([]);
    expect(r.idle.length + r.loaded.length).toBe(r.typedLines.join('').length);
    expect(r.streamsLiveWhileTyping).toBe(true);
    expect(r.writesSeen).toBe(r.writesExpected);
    expect(r.fileSeen).toBe(r.fileExpected);
  });

  it('delivers every stream whole: the line count the remote side printed, none damaged, every byte acknowledged by xterm', () => {
    for (const [i, t] of w.tallies.entries()) {
      expect({ stream: i, ended: t.ended, damaged: t.damagedSamples }).toEqual({ stream: i, ended: true, damaged: [] });
      expect(t.reportedLines).toBeGreaterThan(0);
      expect(t.lines).toBe(t.reportedLines);
    }
    for (const id of [w.operatorId, ...w.streamIds]) {
      const { sent, acked } = w.bytes(id);
      expect({ id, acked }).toEqual({ id, acked: sent });
    }
  });

  it('switches terminal tabs under load and gives the keyboard back to the operator', () => {
    expect(r.tabSwitch).toMatchObject({ selected: true, paneShowedOutput: true, focusReturned: true });
  });

  it('leaves no session behind once every tab is closed from the UI, and the renderer never crashed', () => {
    expect(r.sessionsLeftInCore).toBe(0);
    expect(r.sessionsListedToRenderer).toBe(0);
    expect(r.sshdConnectionsLeft).toBe(0);
    expect(w.rendererProblems).toEqual([]);
  });
});
