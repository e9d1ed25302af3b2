/**
 * Starts a script of the project in its own process group with a marker in its environment, so a
 * test can see every process the run started (whatever session or namespace it moved to: the
 * marker is inherited) and everything it left in its temporary folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DOWN_SH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../topology/down.sh');

/** One process that carries the run's marker. */
export interface TaggedProcess {
  readonly pid: number;
  readonly comm: string;
  readonly cmdline: string;
}

/** A script started by `startTagged`. */
export interface TaggedRun {
  readonly child: ChildProcess;
  /** The temporary folder given to the run as TMPDIR (empty at the start). */
  readonly tmpDir: string;
  /** Everything the run printed so far (stdout and stderr). */
  output(): string;
  /** Resolves once the output contains `text`; rejects if the run exits first or `timeoutMs` passes. */
  waitForOutput(text: string, timeoutMs: number): Promise<void>;
  /** Resolves with the exit code or signal once the run's first process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Live processes of the run: those that carry its marker and every process in their sessions. */
  processes(): TaggedProcess[];
}

function readProc(pid: string, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return '';
  }
}

/** Session id of a live process, or undefined for a zombie or a process that is gone. */
function sessionOf(pid: string): number | undefined {
  const stat = readProc(pid, 'stat');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return stat && fields[0] !== 'Z' ? Number(fields[3]) : undefined;
}

/**
 * Live processes whose environment holds `name=value`, or that are in one of `sessions`; adds the
 * sessions of marked processes to `sessions`, so a process that rewrites its environment (sshd)
 * is still seen through its session after its parent is gone.
 */
export function processesOfRun(name: string, value: string, sessions: Set<number>): TaggedProcess[] {
  const entry = `${name}=${value}`;
  const pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  for (const p of pids) {
    const sid = sessionOf(p);
    if (sid !== undefined && readProc(p, 'environ').split('\0').includes(entry)) sessions.add(sid);
  }
  return pids
    .filter((p) => { const sid = sessionOf(p); return sid !== undefined && Number(p) !== process.pid && (sessions.has(sid) || readProc(p, 'environ').split('\0').includes(entry)); })
    .map((p) => ({ pid: Number(p), comm: readProc(p, 'comm').trim(), cmdline: readProc(p, 'cmdline').split('\0').join(' ').trim() }))
    .filter((p) => p.comm !== '');
}

/** Runs `command args` detached (a new process group) with a marker and a fresh TMPDIR. */
export function startTagged(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): TaggedRun {
  const tag = randomUUID();
  // Directly under /tmp, not under the outer run's TMPDIR: the nested run's own folder goes inside
  // this one, and Chromium's singleton socket path must stay under the 107-byte Unix socket limit.
  const tmpDir = mkdtempSync('/tmp/aksct-');
  // Passable like /tmp itself, so the run keeps its folder inside this one (see run-scope.sh).
  chmodSync(tmpDir, 0o755);
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, TMPDIR: tmpDir, AKSC_TEST_TAG: tag } });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  // The run's own session (it was started detached): whatever stays in it belongs to the run.
  const sessions = new Set<number>([child.pid!]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    tmpDir,
    output: () => text,
    exited,
    processes: () => processesOfRun('AKSC_TEST_TAG', tag, sessions),
    waitForOutput(wanted, timeoutMs) {
      return new Promise((resolve, reject) => {
        const done = (error?: Error) => {
          waiters.delete(check);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        const check = () => { if (text.includes(wanted)) done(); };
        const timer = setTimeout(() => done(new Error(`no "${wanted}" within ${timeoutMs} ms; output:\n${text}`)), timeoutMs);
        waiters.add(check);
        void exited.then(() => setTimeout(() => { if (waiters.has(check)) done(new Error(`exited before "${wanted}"; output:\n${text}`)); }, 100));
        check();
      });
    },
  };
}

/** Polls `condition` until it holds or `timeoutMs` passes; returns whether it held (never asserts a time). */
export async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    if (condition()) return true;
  }
  return condition();
}

/** Network namespaces on this machine (`ip netns list`). */
export function netnsList(): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]!).filter(Boolean);
}

/** After a case: kills what the run left (a failure must not leak into the next case), takes the test's own slot down, deletes its TMPDIR. */
export function discardRun(run: TaggedRun | undefined, slot: number): void {
  for (const p of run?.processes() ?? []) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  execFileSync('bash', [DOWN_SH, String(slot)], { stdio: 'ignore' });
  if (run) rmSync(run.tmpDir, { recursive: true, force: true });
}
