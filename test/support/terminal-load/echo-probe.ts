/**
 * Measures, inside the real renderer, what the operator feels: how long a keystroke takes to show
 * up in the terminal, and whether the page keeps painting. Installed with `page.evaluate` only; no
 * product code knows about it.
 *
 *  - Echo: the key's start is the `keydown` event's own timestamp (when the browser received the
 *    key, so time spent waiting behind a busy main thread counts); its end is the moment the pane's
 *    DOM rows show the typed text, seen by a MutationObserver (xterm has parsed *and* rendered it).
 *  - Responsiveness: every requestAnimationFrame gap, and every long task (> 50 ms) the
 *    PerformanceObserver reports.
 */
import type { Page } from 'playwright-core';

/** The probe's source: a plain script string, so no bundler helper leaks into the page. */
const PROBE_SCRIPT = `(() => {
  if (window.__aksLoadProbe) return;
  const probe = { frames: [], longTasks: [], armed: undefined };
  let last = 0;
  const tick = (t) => { if (last) probe.frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  } catch { probe.noLongTasks = true; }
  const started = (e, type, key) => {
    const a = probe.armed;
    if (a && a.startedAt === undefined && a.startEvent === type && (key === undefined || key === a.key)) a.startedAt = e.timeStamp > 0 ? e.timeStamp : performance.now();
  };
  document.addEventListener('keydown', (e) => started(e, 'keydown', e.key), true);
  document.addEventListener('mousedown', (e) => started(e, 'mousedown'), true);
  const rowsOf = (sessionId) => document.querySelector('.terminal-pane[data-session="' + sessionId + '"] .xterm-rows');
  const cursorLine = (rows) => {
    let text = '';
    for (const row of rows.children) {
      const t = (row.textContent || '').replace(/\\u00a0/g, ' ').trimEnd();
      if (t) text = t;
    }
    return text;
  };
  const check = () => {
    const a = probe.armed;
    if (!a || a.doneAt !== undefined || a.startedAt === undefined) return;
    const line = cursorLine(a.rows);
    if (a.exact ? line === a.expected : line.includes(a.expected)) { a.doneAt = performance.now(); a.resolve(); }
  };
  const observer = new MutationObserver(check);
  // arm: the next keydown (of key) or mousedown starts the clock; the pane's cursor line showing
  // expected (exactly, or containing it) stops it.
  probe.arm = (spec) => {
    const rows = rowsOf(spec.sessionId);
    if (!rows) throw new Error('no DOM rows for session ' + spec.sessionId + ' (is the DOM renderer in use?)');
    let resolve;
    const done = new Promise((r) => { resolve = r; });
    probe.armed = { ...spec, rows, resolve, done, startedAt: undefined, doneAt: undefined };
    observer.observe(rows, { childList: true, subtree: true, characterData: true });
  };
  // settle: waits for the armed measurement, then arms the next one (if any) in the same task, so
  // nothing the next action causes can happen before its watch is in place.
  probe.settle = async (timeoutMs, next) => {
    const a = probe.armed;
    let timer;
    await Promise.race([a.done, new Promise((r) => { timer = setTimeout(r, timeoutMs); })]);
    clearTimeout(timer);
    observer.disconnect();
    probe.armed = undefined;
    if (next) probe.arm(next);
    return { startedAt: a.startedAt, doneAt: a.doneAt, shown: a.doneAt === undefined ? cursorLine(a.rows) : undefined };
  };
  probe.cursorLine = (sessionId) => { const rows = rowsOf(sessionId); return rows ? cursorLine(rows) : undefined; };
  probe.take = () => {
    const out = { frames: probe.frames, longTasks: probe.longTasks, longTasksObserved: !probe.noLongTasks };
    probe.frames = [];
    probe.longTasks = [];
    return out;
  };
  window.__aksLoadProbe = probe;
})();`;

/** What to watch: which pane, what starts the clock, what the cursor line must show. */
interface WatchSpec {
  readonly sessionId: string;
  readonly startEvent: 'keydown' | 'mousedown';
  readonly key?: string;
  readonly expected: string;
  readonly exact: boolean;
}

interface Settled {
  startedAt?: number;
  doneAt?: number;
  shown?: string;
}

interface ProbeApi {
  arm(spec: WatchSpec): void;
  settle(timeoutMs: number, next: WatchSpec | null): Promise<Settled>;
  cursorLine(sessionId: string): string | undefined;
  take(): PaintFigures;
}

/** What the page did between two `takePaintFigures` calls. */
export interface PaintFigures {
  /** Gaps between consecutive animation frames, ms. */
  readonly frames: number[];
  /** Durations of long tasks, ms. */
  readonly longTasks: number[];
  /** False where this Chromium does not report long tasks. */
  readonly longTasksObserved: boolean;
}

/** One typed key: its echo time, or why there was none. */
export interface KeyEcho {
  readonly key: string;
  readonly ms: number | undefined;
  /** What the cursor line showed instead, when the echo never came. */
  readonly shown?: string;
}

/** How long to wait for one echo (or paint) before calling it lost. */
const WAIT_TIMEOUT_MS = 90_000;

/** Installs the probe in the page (idempotent). */
export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE_SCRIPT);
}

/** Returns and resets the frame gaps and long tasks recorded so far. */
export function takePaintFigures(page: Page): Promise<PaintFigures> {
  return page.evaluate(() => (window as unknown as { __aksLoadProbe: ProbeApi }).__aksLoadProbe.take());
}

/** The last non-empty row of a session's pane as rendered. */
export function cursorLine(page: Page, sessionId: string): Promise<string | undefined> {
  return page.evaluate((id) => (window as unknown as { __aksLoadProbe: ProbeApi }).__aksLoadProbe.cursorLine(id), sessionId);
}

function arm(page: Page, spec: WatchSpec): Promise<void> {
  return page.evaluate((x) => (window as unknown as { __aksLoadProbe: ProbeApi }).__aksLoadProbe.arm(x), spec);
}

function settle(page: Page, next: WatchSpec | null): Promise<Settled> {
  return page.evaluate(([timeout, n]) => (window as unknown as { __aksLoadProbe: ProbeApi }).__aksLoadProbe.settle(timeout, n), [WAIT_TIMEOUT_MS, next] as const);
}

function elapsed(r: Settled): number | undefined {
  return r.startedAt !== undefined && r.doneAt !== undefined ? r.doneAt - r.startedAt : undefined;
}

/**
 * Types `line` into the focused terminal of `sessionId` one key at a time, each key only after the
 * previous one was rendered, `gapMs` apart, then presses Enter. Stops at the first lost echo. One
 * page round trip per key: under load every round trip waits behind the terminal output.
 */
export async function typeLine(page: Page, sessionId: string, line: string, gapMs: number): Promise<KeyEcho[]> {
  const echoes: KeyEcho[] = [];
  const spec = (i: number): WatchSpec => ({ sessionId, startEvent: 'keydown', key: line[i]!, expected: line.slice(0, i + 1), exact: true });
  await arm(page, spec(0));
  for (let i = 0; i < line.length; i++) {
    const key = line[i]!;
    const roundStart = performance.now();
    await page.keyboard.press(key);
    const r = await settle(page, i + 1 < line.length ? spec(i + 1) : null);
    const ms = elapsed(r);
    if (process.env.AKS_LOAD_TRACE === '1') console.log(`key ${key}: echo ${ms?.toFixed(1)} ms, round ${(performance.now() - roundStart).toFixed(0)} ms`);
    if (ms === undefined) {
      echoes.push({ key, ms, shown: r.doneAt !== undefined ? '(echoed, but its keydown was never seen)' : (r.shown ?? '') });
      if (i + 1 < line.length) await settle(page, null).catch(() => undefined);
      return echoes;
    }
    echoes.push({ key, ms });
    await page.waitForTimeout(gapMs);
  }
  await page.keyboard.press('Enter');
  return echoes;
}

/**
 * Clicks at `point` with raw mouse input (Playwright's actionability checks would each wait behind
 * the output under load) and times mousedown → `sessionId`'s pane painting a
 * line containing `expected`. Undefined when it never painted.
 */
export async function clickUntilPainted(page: Page, point: { x: number; y: number }, sessionId: string, expected: string): Promise<number | undefined> {
  await arm(page, { sessionId, startEvent: 'mousedown', expected, exact: false });
  await page.mouse.click(point.x, point.y);
  return elapsed(await settle(page, null));
}
