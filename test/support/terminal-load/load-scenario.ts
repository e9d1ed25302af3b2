/**
 * The operator's afternoon, scripted: type into one terminal while it is idle (the baseline), then
 * again while N other sessions print at full speed, switch terminal tabs in the middle, stop the
 * streams, close every tab from the UI. Returns the figures and everything the test needs to
 * judge correctness; asserts nothing itself, so the benchmark can run it too.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { clickUntilPainted, takePaintFigures, typeLine, type KeyEcho, type PaintFigures } from './echo-probe';
import { trace, until, type LoadWorld } from './load-world';

/** How much to type. */
export interface ScenarioOptions {
  readonly idleLines: number;
  readonly loadLines: number;
  /** Characters per typed line (the line's tag included). */
  readonly lineLength: number;
  /** Pause between keys, a fast typist's pace; not part of any measured time. */
  readonly gapMs: number;
  /** Runs after the idle typing, before the streams start (the bench's idle OpenSSH baseline). */
  readonly whileIdle?: () => Promise<void>;
  /** Runs while the streams are still at full speed, after the operator typed (the bench's OpenSSH baseline). */
  readonly whileLoaded?: () => Promise<void>;
}

/** What happened. */
export interface ScenarioResult {
  readonly idle: KeyEcho[];
  readonly loaded: KeyEcho[];
  readonly idlePaint: PaintFigures;
  readonly loadPaint: PaintFigures;
  readonly typedLines: string[];
  /** What the renderer sent to the operator's session (keystrokes on its port), as expected and as seen. */
  readonly writesExpected: string;
  readonly writesSeen: string;
  /** What `cat` on the jump box wrote to its file, and what it should have. */
  readonly fileExpected: string;
  readonly fileSeen: string;
  /** Whether every stream was still printing when the last loaded key was echoed. */
  readonly streamsLiveWhileTyping: boolean;
  /** Mousedown on a stream's tab → its pane painted live output (ms, in the page); then back to the operator. */
  readonly tabSwitch: { readonly selected: boolean; readonly paneShowedOutput: boolean; readonly focusReturned: boolean; readonly ms: number };
  /** Sessions open in the core after every tab was closed from the UI. */
  readonly sessionsLeftInCore: number;
  readonly sessionsListedToRenderer: number;
  readonly sshdConnectionsLeft: number;
  readonly secondsUnderLoad: number;
}

const READY = 'echo CAT-READY-$((40+2))';
const DONE = 'echo CAT-DONE-$((40+2))';

function lineOf(tag: string, n: number, length: number): string {
  const head = `${tag}${String(n).padStart(2, '0')}-`;
  let body = '';
  for (let i = 0; body.length < length - head.length; i++) body += 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7 + n) % 36];
  return head + body;
}

async function operatorFocused(w: LoadWorld): Promise<boolean> {
  return w.h.page.evaluate((id) => (document.activeElement?.closest('.terminal-pane') as HTMLElement | null)?.dataset.session === id, w.operatorId);
}

/** Scrolls a tab into view and says where it is, in one evaluate (labels follow terminal titles, so tabs move). */
async function centreOf(w: LoadWorld, sessionId: string): Promise<{ x: number; y: number }> {
  const box = await w.h.page.evaluate((id) => {
    const tab = document.getElementById(`tab-${id}`);
    tab?.scrollIntoView({ block: 'nearest' });
    const r = tab?.getBoundingClientRect();
    return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined;
  }, sessionId);
  if (!box) throw new Error(`tab of ${sessionId} is not on screen`);
  return box;
}

async function switchTabsUnderLoad(w: LoadWorld, streamId: string): Promise<ScenarioResult['tabSwitch']> {
  const page = w.h.page;
  const ms = await clickUntilPainted(page, await centreOf(w, streamId), streamId, 'load stream');
  const selected = await page.evaluate((id) => document.getElementById(`tab-${id}`)?.getAttribute('aria-selected') === 'true', streamId);
  trace(`tab switch: painted after ${ms?.toFixed(0)} ms, selected ${selected}`);
  const back = await centreOf(w, w.operatorId);
  await page.mouse.click(back.x, back.y);
  let focusReturned = true;
  await until('focus back in the operator terminal', () => operatorFocused(w), 90_000).catch(() => (focusReturned = false));
  trace(`tab switch: focus back ${focusReturned}`);
  return { selected, paneShowedOutput: ms !== undefined, focusReturned, ms: ms ?? Number.NaN };
}

/** Closes every terminal tab with its own close button, one at a time, until the screen says there are none. */
export async function closeEveryTabFromUi(w: LoadWorld): Promise<void> {
  const page = w.h.page;
  for (let left = await page.getByTestId('terminal-tab').count(); left > 0; left--) {
    await page.locator('.terminal-panel:not([hidden]) .tab-close-button').click();
    await until('the tab to go', async () => (await page.getByTestId('terminal-tab').count()) < left, 30_000);
  }
  await page.getByTestId('no-sessions').waitFor();
}

/** Runs the scenario in a world whose streams have not started yet. */
export async function runLoadScenario(w: LoadWorld, options: ScenarioOptions): Promise<ScenarioResult> {
  const page = w.h.page;
  const file = `/tmp/aks-load-echo-${randomUUID()}.txt`;
  const setup = `${READY}; cat > ${file}; ${DONE}\r`;
  try {
    await page.locator(`[id="tab-${w.operatorId}"]`).click();
    await page.locator(`.terminal-pane[data-session="${w.operatorId}"] .xterm`).click();
    await until('focus in the operator terminal', () => operatorFocused(w), 30_000);
    await w.invoke('ssh.write', { sessionId: w.operatorId, data: setup });
    await until('cat to start', () => /CAT-READY-42\r?\n/.test(w.operatorOutput()));
    await page.waitForTimeout(300);

    const typedLines: string[] = [];
    const idle: KeyEcho[] = [];
    await takePaintFigures(page);
    for (let n = 0; n < options.idleLines; n++) {
      const line = lineOf('i', n, options.lineLength);
      typedLines.push(line);
      idle.push(...(await typeLine(page, w.operatorId, line, options.gapMs)));
    }
    const idlePaint = await takePaintFigures(page);
    trace('idle typing done');
    await options.whileIdle?.();

    await w.startStreams();
    await until('every stream to print at full speed', () => w.tallies.every((t) => t.lines > 100), 60_000);
    trace('streams at full speed');
    await takePaintFigures(page);
    const loadStarted = performance.now();
    const loaded: KeyEcho[] = [];
    let tabSwitch: ScenarioResult['tabSwitch'] = { selected: false, paneShowedOutput: false, focusReturned: false, ms: Number.NaN };
    for (let n = 0; n < options.loadLines; n++) {
      const line = lineOf('l', n, options.lineLength);
      typedLines.push(line);
      loaded.push(...(await typeLine(page, w.operatorId, line, options.gapMs)));
      if (n === Math.floor(options.loadLines / 2) - 1) tabSwitch = await switchTabsUnderLoad(w, w.streamIds[w.streamIds.length >> 1]!);
    }
    trace('loaded typing done');
    const streamsLiveWhileTyping = w.tallies.every((t) => !t.ended);
    const loadPaint = await takePaintFigures(page);
    await options.whileLoaded?.();
    const secondsUnderLoad = (performance.now() - loadStarted) / 1000;

    await w.stopStreams();
    trace('streams told to stop');
    await until('every stream to report its count', () => w.tallies.every((t) => t.ended), 120_000);
    await until('the renderer to acknowledge every byte', () => [w.operatorId, ...w.streamIds].every((id) => w.bytes(id).acked === w.bytes(id).sent), 120_000).catch(() => undefined);
    trace('every stream ended and acknowledged');
    await page.keyboard.press('Control+D');
    await until('cat to finish', () => /CAT-DONE-42\r?\n/.test(w.operatorOutput()), 30_000);
    const fileSeen = await readFile(file, 'utf8').catch((e: unknown) => `(unreadable: ${String(e)})`);

    await closeEveryTabFromUi(w);
    trace('tabs closed');
    await until('the core to forget every session', () => w.h.core.connectivity.manager.listSessions().length === 0, 30_000).catch(() => undefined);
    await until('sshd to see every connection closed', async () => (await w.sshdConnections()) === 0, 30_000).catch(() => undefined);
    const listed = await w.invoke('ssh.list', undefined);
    return {
      idle,
      loaded,
      idlePaint,
      loadPaint,
      typedLines,
      writesExpected: setup + typedLines.map((l) => `${l}\r`).join('') + '\x04',
      writesSeen: w.operatorWrites(),
      fileExpected: typedLines.map((l) => `${l}\n`).join(''),
      fileSeen,
      streamsLiveWhileTyping,
      tabSwitch,
      sessionsLeftInCore: w.h.core.connectivity.manager.listSessions().length,
      sessionsListedToRenderer: Array.isArray(listed.data) ? (listed.data as unknown[]).length : -1,
      sshdConnectionsLeft: await w.sshdConnections(),
      secondsUnderLoad,
    };
  } finally {
    await rm(file, { force: true });
  }
}
