/**
 * Fault: the session process (the process that runs every SSH client, socket and channel) is
 * SIGKILLed by its pid while several sessions print at full speed into the real renderer and the
 * operator types into another. Everything is real but the transport (OpenSSH sshd, the core, the
 * router, the forked session process, xterm.js in Chromium). Asserts what the operator sees: the
 * window keeps answering, every tab names the session process stopping (in English; one check in
 * Japanese), the Reconnect control on each tab reopens its session in a new process and the new
 * shells echo every key in order, and nothing is left once the tabs are closed and the console quits.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ja from '../../src-renderer/ui/messages/locales/ja.json';
import { sessionProcessLost } from '../../src-main/services/ssh/session-process';
import { englishSentences } from '../support/english-text';
import { typeLine, type KeyEcho } from '../support/terminal-load/echo-probe';
import { closeEveryTabFromUi } from '../support/terminal-load/load-scenario';
import { PASSWORD, startLoadWorld, trace, until, type LoadWorld } from '../support/terminal-load/load-world';

const STREAMS = 6;
const LOST = 'ssh.session_process_lost';
/** What main says (and the English screen shows). */
const ENGLISH = sessionProcessLost().message;

/** Whether a process with this id still exists (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running session process's id (throws when none runs: every session here runs its clients there). */
function sessionProcessPid(w: LoadWorld): number {
  const pid = w.h.core.sessionProcess?.pid;
  if (pid === undefined) throw new Error('no session process is running');
  return pid;
}

/** Kills the session process by its pid, mid-stream. */
function killSessionProcess(w: LoadWorld): number {
  const pid = sessionProcessPid(w);
  process.kill(pid, 'SIGKILL');
  trace(`SIGKILL sent to session process ${pid}`);
  return pid;
}

/** One `ssh.list` the renderer asked the router for while the process was killed. */
interface Ping {
  readonly ok: boolean;
  readonly afterKill: boolean;
  /** `state:problem code` of every session listed. */
  readonly sessions: string[];
  readonly error?: string;
}

/** The page asks the router for the session list over and over, as the UI would, until told to stop. */
const PINGER = `(() => {
  const p = { answers: [], killed: false, stop: false };
  window.__aksRouterPing = p;
  (async () => {
    while (!p.stop) {
      const afterKill = p.killed;
      try {
        const a = await window.aksConsole.invoke['ssh.list'](undefined);
        p.answers.push({ ok: a.ok, afterKill, sessions: a.ok ? a.data.map((s) => s.state + ':' + (s.problem ? s.problem.code : '')) : [], error: a.ok ? undefined : a.error.code });
      } catch (e) {
        p.answers.push({ ok: false, afterKill, sessions: [], error: String(e) });
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
})();`;

type PingApi = { answers: Ping[]; killed: boolean; stop: boolean };
const ping = (page: Page) => ({
  start: () => page.evaluate(PINGER),
  markKilled: () => page.evaluate(() => void ((window as unknown as { __aksRouterPing: PingApi }).__aksRouterPing.killed = true)),
  count: () => page.evaluate(() => (window as unknown as { __aksRouterPing: PingApi }).__aksRouterPing.answers.length),
  stop: () =>
    page.evaluate(() => {
      const p = (window as unknown as { __aksRouterPing: PingApi }).__aksRouterPing;
      p.stop = true;
      return p.answers;
    }),
});

/** What one tab shows once it is selected: its status bar and the problem in it. */
interface TabStatus {
  readonly id: string;
  readonly statusVisible: boolean;
  readonly problemVisible: boolean;
  readonly text: string;
}

async function showTab(page: Page, id: string): Promise<void> {
  await page.locator(`[id="tab-${id}"]`).click();
  await until(`tab ${id} to be selected`, async () => (await page.locator(`[id="tab-${id}"]`).getAttribute('aria-selected')) === 'true', 30_000);
}

/** Selects each tab in turn and reads what its status bar says about the session's end. */
async function tabStatuses(page: Page, ids: readonly string[]): Promise<TabStatus[]> {
  const out: TabStatus[] = [];
  for (const id of ids) {
    await showTab(page, id);
    const status = page.locator(`[id="panel-${id}"] [data-testid="terminal-status"]`);
    const problem = status.locator(`[data-code="${LOST}"]`);
    await status.scrollIntoViewIfNeeded();
    out.push({ id, statusVisible: await status.isVisible(), problemVisible: (await problem.count()) === 1 && (await problem.isVisible()), text: await status.innerText() });
  }
  return out;
}

/** Presses the tab's Reconnect control and answers the password question, as the operator does. */
async function reconnectFromUi(page: Page, id: string): Promise<void> {
  await showTab(page, id);
  await page.locator(`[id="panel-${id}"] [data-testid="terminal-reconnect"]`).click();
  await page.getByTestId('reconnect-password').fill(PASSWORD);
  await page.getByTestId('reconnect-password-submit').click();
  await page.getByTestId('reconnect-password-dialog').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Rolling tails of every session's output (small: only markers are looked for). */
function outputTails(w: LoadWorld): (id: string) => string {
  const tails = new Map<string, string>();
  w.h.core.connectivity.manager.onDidData((chunk) => tails.set(chunk.sessionId, ((tails.get(chunk.sessionId) ?? '') + chunk.data).slice(-8192)));
  return (id) => tails.get(id) ?? '';
}

/** A shell ready to take typed lines: `cat` into a file on the jump box, between two markers. */
async function catInto(w: LoadWorld, tail: (id: string) => string, id: string): Promise<{ file: string; done: () => Promise<string> }> {
  const page = w.h.page;
  const tag = randomUUID().slice(0, 8);
  const file = `/tmp/aks-crash-echo-${tag}.txt`;
  await showTab(page, id);
  await page.locator(`.terminal-pane[data-session="${id}"] .xterm`).click();
  await until(`focus in the terminal of ${id}`, () => page.evaluate((s) => (document.activeElement?.closest('.terminal-pane') as HTMLElement | null)?.dataset.session === s, id), 30_000);
  const answer = await w.invoke('ssh.write', { sessionId: id, data: `echo READY-${tag}-$((40+2)); cat > ${file}; echo DONE-${tag}-$((40+2))\r` });
  if (!answer.ok) throw new Error(`ssh.write failed: ${JSON.stringify(answer.error)}`);
  await until(`cat to start in ${id}`, () => new RegExp(`READY-${tag}-42\\r?\\n`).test(tail(id)), 30_000);
  await page.waitForTimeout(200);
  return {
    file,
    async done() {
      await page.keyboard.press('Control+D');
      await until(`cat to finish in ${id}`, () => new RegExp(`DONE-${tag}-42\\r?\\n`).test(tail(id)), 30_000);
      const seen = await readFile(file, 'utf8').catch((e: unknown) => `(unreadable: ${String(e)})`);
      await rm(file, { force: true });
      return seen;
    },
  };
}

/** A typed line: what was typed, each key's echo, what the jump box's `cat` wrote. */
interface Typed {
  readonly id: string;
  readonly line: string;
  readonly lost: KeyEcho[];
  readonly echoed: number;
  readonly fileSeen: string;
}

async function typeInto(w: LoadWorld, tail: (id: string) => string, id: string, line: string): Promise<Typed> {
  const cat = await catInto(w, tail, id);
  const echoes = await typeLine(w.h.page, id, line, 40);
  return { id, line, lost: echoes.filter((e) => e.ms === undefined), echoed: echoes.filter((e) => e.ms !== undefined).length, fileSeen: await cat.done() };
}

describe(`the session process killed while ${STREAMS} sessions stream and the operator types in another`, () => {
  let w: LoadWorld;
  let ids: string[] = [];
  let tail: (id: string) => string;
  let closed = false;
  const r = {
    killedPid: 0,
    newPid: undefined as number | undefined,
    beforeKill: undefined as Typed | undefined,
    streamsLiveAtKill: false,
    sshdConnectionsBeforeKill: 0,
    pings: [] as Ping[],
    statesAfterKill: [] as Array<string | undefined>,
    killedPidGoneAfterKill: false,
    sshdConnectionsAfterKill: -1,
    statuses: [] as TabStatus[],
    statesAfterReconnect: [] as Array<string | undefined>,
    typedAfterReconnect: [] as Typed[],
    sessionsLeftInCore: -1,
    sessionsListedToRenderer: -1,
    sshdConnectionsLeft: -1,
  };

  beforeAll(async () => {
    const started = performance.now();
    w = await startLoadWorld(STREAMS);
    ids = [w.operatorId, ...w.streamIds];
    tail = outputTails(w);
    const page = w.h.page;

    // The operator types under load, every key echoed; then the process dies mid-stream.
    const op = await catInto(w, tail, w.operatorId);
    await w.startStreams();
    await until('every stream to print at full speed', () => w.tallies.every((t) => t.lines > 100), 60_000);
    const echoes = await typeLine(page, w.operatorId, 'before-kill-0123', 40);
    await until('the jump box to have the typed line', async () => (await readFile(op.file, 'utf8').catch(() => '')).includes('\n'), 60_000).catch(() => undefined);
    r.sshdConnectionsBeforeKill = await w.sshdConnections();
    const pinger = ping(page);
    await pinger.start();
    const linesBefore = w.tallies.map((t) => t.lines);
    await until('every stream to print more', () => w.tallies.every((t, i) => t.lines > linesBefore[i]!), 60_000);
    r.streamsLiveAtKill = w.tallies.every((t) => !t.ended);
    r.killedPid = killSessionProcess(w);
    await pinger.markKilled();
    await until('every session to end', () => ids.every((id) => w.state(id) === 'ended' || w.state(id) === 'failed'), 60_000).catch(() => undefined);
    const answered = await pinger.count();
    await until('the router to answer three more requests', async () => (await pinger.count()) >= answered + 3, 60_000).catch(() => undefined);
    r.pings = await pinger.stop();
    r.statesAfterKill = ids.map((id) => w.state(id));
    await until('the killed process to be gone', () => !alive(r.killedPid), 30_000).catch(() => undefined);
    r.killedPidGoneAfterKill = !alive(r.killedPid);
    await until('sshd to see every connection of the killed process close', async () => (await w.sshdConnections()) === 0, 30_000).catch(() => undefined);
    r.sshdConnectionsAfterKill = await w.sshdConnections();
    await until('the renderer to acknowledge every byte', () => ids.every((id) => w.bytes(id).acked === w.bytes(id).sent), 60_000).catch(() => undefined);
    trace('after the kill: every session ended');
    r.beforeKill = { id: w.operatorId, line: 'before-kill-0123', lost: echoes.filter((e) => e.ms === undefined), echoed: echoes.filter((e) => e.ms !== undefined).length, fileSeen: await readFile(op.file, 'utf8').catch(() => '') };
    await rm(op.file, { force: true });

    r.statuses = await tabStatuses(page, ids);
    await w.h.shot('session-process-crash-en');

    // The operator reconnects every tab from its own Reconnect control (a tab that never ended has none: the checks below say so).
    for (const id of ids) if (w.state(id) === 'ended' || w.state(id) === 'failed') await reconnectFromUi(page, id);
    await until('every session to open again', () => ids.every((id) => w.state(id) === 'open'), 60_000).catch(() => undefined);
    r.statesAfterReconnect = ids.map((id) => w.state(id));
    r.newPid = w.h.core.sessionProcess?.pid;
    trace(`reconnected in session process ${r.newPid}`);
    if (r.statesAfterReconnect.every((state) => state === 'open')) {
      for (const [i, id] of ids.entries()) r.typedAfterReconnect.push(await typeInto(w, tail, id, `again-${i}-abcxyz`));
    }

    await closeEveryTabFromUi(w);
    await until('the core to forget every session', () => w.h.core.connectivity.manager.listSessions().length === 0, 30_000).catch(() => undefined);
    await until('sshd to see every connection closed', async () => (await w.sshdConnections()) === 0, 30_000).catch(() => undefined);
    r.sessionsLeftInCore = w.h.core.connectivity.manager.listSessions().length;
    const listed = await w.invoke('ssh.list', undefined);
    r.sessionsListedToRenderer = Array.isArray(listed.data) ? (listed.data as unknown[]).length : -1;
    r.sshdConnectionsLeft = await w.sshdConnections();
    console.log(
      `reliability: session process ${r.killedPid} killed with ${STREAMS} streams at full speed (${(w.tallies.reduce((n, t) => n + t.bytes, 0) / 1024 / 1024).toFixed(1)} MiB delivered); ` +
        `router answered ${r.pings.length} requests (${r.pings.filter((p) => p.afterKill).length} after the kill); reconnected ${ids.length} tabs in process ${r.newPid}; ` +
        `scenario ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(async () => {
    if (!closed) await w?.close();
  });

  it('keeps the window working: every request through the router is answered during and after the kill, and the renderer never crashed', () => {
    expect(r.streamsLiveAtKill).toBe(true);
    expect(r.sshdConnectionsBeforeKill).toBe(ids.length);
    expect(r.pings.filter((p) => !p.ok)).toEqual([]);
    expect(r.pings.filter((p) => p.afterKill).length).toBeGreaterThan(0);
    // The last answer lists every session, ended by the loss.
    expect(r.pings.at(-1)?.sessions).toEqual(ids.map(() => `ended:${LOST}`));
    expect(r.statesAfterKill).toEqual(ids.map(() => 'ended'));
    expect(w.rendererProblems).toEqual([]);
  });

  it('echoed every key the operator typed under load before the kill, in order, and the renderer acknowledged every byte main sent', () => {
    expect(r.beforeKill).toMatchObject({ lost: [], echoed: 'before-kill-0123'.length });
    expect(w.operatorWrites()).toContain('before-kill-0123\r');
    expect(r.beforeKill?.fileSeen).toBe('before-kill-0123\n');
    for (const id of ids) expect({ id, acked: w.bytes(id).acked }).toEqual({ id, acked: w.bytes(id).sent });
  });

  it('ends the killed process and every connection it held', () => {
    expect(r.killedPidGoneAfterKill).toBe(true);
    expect(r.sshdConnectionsAfterKill).toBe(0);
  });

  it('says so on every tab, visibly, in English', () => {
    expect(r.statuses).toHaveLength(ids.length);
    for (const s of r.statuses) {
      expect({ id: s.id, statusVisible: s.statusVisible, problemVisible: s.problemVisible }).toEqual({ id: s.id, statusVisible: true, problemVisible: true });
      expect(s.text).toContain(ENGLISH);
    }
  });

  it('reopens every session from its tab\'s Reconnect control in a new session process, and each new shell echoes every key in order', () => {
    expect(r.statesAfterReconnect).toEqual(ids.map(() => 'open'));
    expect(r.newPid).toBeDefined();
    expect(r.newPid).not.toBe(r.killedPid);
    expect(r.typedAfterReconnect).toHaveLength(ids.length);
    for (const t of r.typedAfterReconnect) {
      expect({ id: t.id, lost: t.lost, echoed: t.echoed, file: t.fileSeen }).toEqual({ id: t.id, lost: [], echoed: t.line.length, file: `${t.line}\n` });
    }
  });

  it('leaves nothing once the tabs are closed and the console quits: no session, no sshd connection, neither session process', async () => {
    expect(r.sessionsLeftInCore).toBe(0);
    expect(r.sessionsListedToRenderer).toBe(0);
    expect(r.sshdConnectionsLeft).toBe(0);
    expect(w.rendererProblems).toEqual([]);
    closed = true;
    await w.close();
    const pids = [r.killedPid, r.newPid ?? 0];
    await until('both session processes to be gone', () => pids.every((pid) => !alive(pid)), 30_000).catch(() => undefined);
    expect(pids.map((pid) => ({ pid, alive: alive(pid) }))).toEqual(pids.map((pid) => ({ pid, alive: false })));
  });
});

describe('the session process killed mid-stream, on a Japanese screen', () => {
  let w: LoadWorld;
  let ids: string[] = [];
  let statuses: TabStatus[] = [];
  let killedPid = 0;
  let closed = false;
  const wording = ja.messages.ssh_session_process_lost;

  beforeAll(async () => {
    w = await startLoadWorld(1, { language: 'ja' });
    ids = [w.operatorId, ...w.streamIds];
    await w.startStreams();
    await until('the stream to print at full speed', () => w.tallies.every((t) => t.lines > 100), 60_000);
    killedPid = killSessionProcess(w);
    await until('every session to end', () => ids.every((id) => w.state(id) === 'ended'), 60_000).catch(() => undefined);
    statuses = await tabStatuses(w.h.page, ids);
    await w.h.shot('session-process-crash-ja');
  }, 300_000);

  afterAll(async () => {
    if (!closed) await w?.close();
  });

  it('words the loss in Japanese on every tab, with no English sentence', () => {
    expect(statuses).toHaveLength(ids.length);
    for (const s of statuses) {
      expect({ id: s.id, statusVisible: s.statusVisible, problemVisible: s.problemVisible }).toEqual({ id: s.id, statusVisible: true, problemVisible: true });
      expect(s.text).toContain(wording);
      expect(s.text).not.toContain(ENGLISH);
      expect(englishSentences(s.text)).toEqual([]);
    }
    expect(w.rendererProblems).toEqual([]);
  });

  it('leaves nothing once the tabs are closed and the console quits', async () => {
    await closeEveryTabFromUi(w);
    await until('the core to forget every session', () => w.h.core.connectivity.manager.listSessions().length === 0, 30_000).catch(() => undefined);
    expect(w.h.core.connectivity.manager.listSessions()).toEqual([]);
    expect(await w.sshdConnections()).toBe(0);
    closed = true;
    await w.close();
    await until('the killed session process to be gone', () => !alive(killedPid), 30_000).catch(() => undefined);
    expect(alive(killedPid)).toBe(false);
  });
});
