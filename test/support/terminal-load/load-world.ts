/**
 * The world of the load test and its benchmark: a real OpenSSH sshd, the real core behind the
 * harness transport, the real renderer in Chromium, one operator session (opened through the UI's
 * host-key prompt) and N streaming sessions. It taps the router the way a second window would
 * (events), counts the output main hands to each session's data port, and watches what reaches
 * each session from the renderer (keystrokes and acknowledgements, which now ride the session's
 * port), so the test can check completeness without touching product code.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { EventPayload } from '../../../src-main/ipc/contract';
import { startHarness, type Harness } from '../../e2e/harness';
import { startSshd, type TestSshd } from '../sshd';
import { installProbe } from './echo-probe';
import { StreamTally, streamCommand } from './stream-tally';

const run = promisify(execFile);
/** Password sign-in keeps the world free of a keychain, so the benchmark runs outside a desktop session too (a reconnect asks for it again). */
export const PASSWORD = 'load-test-only-password-1';

type Envelope = { ok: boolean; data?: { sessionId?: string }; error?: { code: string; message: string } };
type Bridge = { invoke: Record<string, (req: unknown) => Promise<Envelope>> };

/** A running load world. */
export interface LoadWorld {
  readonly sshd: TestSshd;
  readonly h: Harness;
  readonly operatorId: string;
  readonly streamIds: readonly string[];
  /** Per streaming session, in the order of `streamIds`. */
  readonly tallies: readonly StreamTally[];
  /** Everything the operator's session printed (small: echoes and prompts). */
  operatorOutput(): string;
  /** What reached the operator's session from the renderer (keystrokes on its port), in order. */
  operatorWrites(): string;
  /** Bytes main sent to a session's port and the renderer acknowledged on it. */
  bytes(sessionId: string): { sent: number; acked: number };
  /** Latest `ssh.state` of a session. */
  state(sessionId: string): string | undefined;
  /** Starts every stream's full-speed output. */
  startStreams(): Promise<void>;
  /** Tells every stream to finish its current round and print its count. */
  stopStreams(): Promise<void>;
  /** Renderer problems seen so far: a crash, uncaught page errors. */
  readonly rendererProblems: string[];
  /** Calls a bridge function in the page, as the UI does. */
  invoke(channel: string, req: unknown): Promise<Envelope>;
  /** Per-connection sshd processes still alive (0 once every session really closed). */
  sshdConnections(): Promise<number>;
  close(): Promise<void>;
}

const traceStart = performance.now();
/** Prints a phase line with elapsed seconds when AKS_LOAD_TRACE=1 (to see where a slow run spends its time). */
export function trace(phase: string): void {
  if (process.env.AKS_LOAD_TRACE === '1') console.log(`[load ${((performance.now() - traceStart) / 1000).toFixed(1)} s] ${phase}`);
}

/** Polls `check` every 50 ms until it holds, or throws `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts sshd and the harness (in `language`, English unless told), opens the operator's session and `streams` streaming sessions. */
export async function startLoadWorld(streams: number, options: { readonly language?: 'en' | 'ja' } = {}): Promise<LoadWorld> {
  const sshd = await startSshd({ password: PASSWORD });
  const h = await startHarness({ language: options.language ?? 'en', viewport: { width: 1280, height: 840 } });
  const rendererProblems: string[] = [];
  h.page.on('crash', () => rendererProblems.push('renderer crashed'));
  h.page.on('pageerror', (error) => rendererProblems.push(`page error: ${error.message}`));

  const states = new Map<string, string>();
  const sent = new Map<string, number>();
  const acked = new Map<string, number>();
  const tallyOf = new Map<string, StreamTally>();
  let operatorId = '';
  let operatorOutput = '';
  let operatorWrites = '';
  h.core.router.attach({
    send: (event, payload) => {
      if (event === 'ssh.state') {
        const info = payload as EventPayload<'ssh.state'>;
        states.set(info.sessionId, info.state);
      }
    },
    isAlive: () => true,
  });
  const manager = h.core.connectivity.manager;
  manager.onDidData((chunk) => {
    sent.set(chunk.sessionId, (sent.get(chunk.sessionId) ?? 0) + chunk.bytes);
    tallyOf.get(chunk.sessionId)?.add(chunk.data, chunk.bytes);
    if (chunk.sessionId === operatorId) operatorOutput += chunk.data;
  });
  /**
   * Counts what reaches a session from the renderer, whichever way it comes: its port and the
   * invokes both look the session up first, so each session is watched from its first use on.
   */
  const watched = new Set<string>();
  const lookUp = manager.session.bind(manager);
  manager.session = (sessionId) => {
    const session = lookUp(sessionId);
    if (!watched.has(sessionId)) watch(sessionId, session);
    return session;
  };
  function watch(sessionId: string, session: ReturnType<typeof lookUp>): void {
    watched.add(sessionId);
    const ack = session.ack.bind(session);
    const write = session.write.bind(session);
    session.ack = (bytes) => {
      if (Number.isFinite(bytes)) acked.set(sessionId, (acked.get(sessionId) ?? 0) + bytes);
      ack(bytes);
    };
    session.write = (data) => {
      if (sessionId === operatorId) operatorWrites += data;
      return write(data);
    };
  }
  // The harness keeps every message for secret scans; under this much output that would only be memory.
  const trim = setInterval(() => h.received.splice(0), 1000);

  const invoke = (channel: string, req: unknown) =>
    h.page.evaluate(([c, r]) => (window as unknown as { aksConsole: Bridge }).aksConsole.invoke[c as string]!(r), [channel, req] as const);
  const open = async (label: string): Promise<string> => {
    const answer = await invoke('ssh.open', { target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'password', password: PASSWORD } }, label, cols: 120, rows: 40 });
    if (!answer.ok || !answer.data?.sessionId) throw new Error(`ssh.open failed: ${JSON.stringify(answer.error)}`);
    return answer.data.sessionId;
  };
  const stopFile = path.join(sshd.dir, 'stop-load');

  try {
    await h.page.locator('nav button[data-area="terminals"]').click();

    // The operator's session first: it meets the host-key prompt, and its tab is the first one.
    trace('harness up');
    const opening = open('operator');
    await h.page.getByTestId('host-key-always').click({ timeout: 30_000 });
    operatorId = await opening;
    await until('the operator session to open', () => states.get(operatorId) === 'open');

    const streamIds: string[] = [];
    for (let i = 0; i < streams; i++) streamIds.push(await open(`stream ${String(i).padStart(2, '0')}`));
    streamIds.forEach((id, i) => tallyOf.set(id, new StreamTally(i)));
    trace('sessions requested');
    await until('every stream session to open', () => streamIds.every((id) => states.get(id) === 'open'));
    await h.page.locator('.terminal-pane .xterm').first().waitFor();
    await installProbe(h.page);
    trace('sessions open');

    return {
      sshd,
      h,
      operatorId,
      streamIds,
      tallies: streamIds.map((id) => tallyOf.get(id)!),
      operatorOutput: () => operatorOutput,
      operatorWrites: () => operatorWrites,
      bytes: (id) => ({ sent: sent.get(id) ?? 0, acked: acked.get(id) ?? 0 }),
      state: (id) => states.get(id),
      async startStreams() {
        // All at once, from one evaluate: once the first streams run, the page is too busy for twenty round trips.
        const writes = streamIds.map((sessionId, i) => ({ sessionId, data: streamCommand(i, stopFile) }));
        const answers = await h.page.evaluate((all) => Promise.all(all.map((req) => (window as unknown as { aksConsole: Bridge }).aksConsole.invoke['ssh.write']!(req))), writes);
        const failed = answers.find((a) => !a.ok);
        if (failed) throw new Error(`ssh.write failed: ${JSON.stringify(failed.error)}`);
      },
      async stopStreams() {
        await writeFile(stopFile, '');
      },
      rendererProblems,
      invoke,
      async sshdConnections() {
        const pid = (await readFile(path.join(sshd.dir, 'sshd.pid'), 'utf8')).trim();
        const { stdout } = await run('pgrep', ['-P', pid]).catch(() => ({ stdout: '' }));
        return stdout.split('\n').filter(Boolean).length;
      },
      async close() {
        clearInterval(trim);
        await h.close();
        await sshd.close();
      },
    };
  } catch (error) {
    clearInterval(trim);
    await h.close().catch(() => undefined);
    await sshd.close().catch(() => undefined);
    throw error;
  }
}
