/**
 * Where the session-process bench's sessions run, behind one interface: in the measured process
 * (today: Electron's main owns the SSH sessions) or in a forked child (the stand-in for Electron's
 * `utilityProcess`). `fork` rather than a `worker_threads` Worker: a utilityProcess is its own OS
 * process (a crash in it leaves main alive, its CPU and memory are its own, and its messages are
 * structured-clone serialized across a pipe), which a Worker inside the measured process is not.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSessionHost, type HostFrame, type SshdAddress } from './session-host';
import type { FromHost, ToHost } from './session-host-messages';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The measured process's handle on its sessions, wherever they run. */
export interface SessionPlane {
  /** The session child's pid; undefined in-process. */
  readonly childPid: number | undefined;
  open(count: number): Promise<string[]>;
  write(sessionId: string, data: string): void;
  ack(sessionId: string, bytes: number): void;
  focus(sessionId: string): void;
  /** Kills the session child at once (SIGKILL), as a crash would; in-process there is nothing to kill but main. */
  crash(): Promise<void>;
  /** Closes every session (and the child); removes what it created. */
  close(): Promise<void>;
}

/** Variant A: the real session code in this process, output straight to `onFrame`. */
export async function inProcessPlane(sshd: SshdAddress, onFrame: (frame: HostFrame) => void): Promise<SessionPlane> {
  const host = await startSessionHost(sshd, onFrame);
  return {
    childPid: undefined,
    open: (count) => host.open(count),
    write: (id, data) => host.write(id, data),
    ack: (id, bytes) => host.ack(id, bytes),
    focus: (id) => host.focus(id),
    crash: () => Promise.reject(new Error('in-process sessions have no process of their own to crash')),
    close: () => host.close(),
  };
}

/** Variant B: the same code in a forked child; output batches arrive over its channel, acknowledgements go back. */
export async function childPlane(sshd: SshdAddress, onFrame: (frame: HostFrame) => void): Promise<SessionPlane> {
  const child: ChildProcess = fork(path.join(HERE, 'session-host-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting = new Map<FromHost['op'], (message: FromHost) => void>();
  child.on('message', (message: FromHost) => {
    if (message.op === 'frame') onFrame(message);
    else waiting.get(message.op)?.(message);
  });
  const post = (message: ToHost): void => {
    if (child.connected) child.send(message);
  };
  const ask = <Op extends FromHost['op']>(message: ToHost, answer: Op): Promise<Extract<FromHost, { op: Op }>> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        waiting.delete(answer);
        waiting.delete('failed');
      };
      waiting.set(answer, (reply) => (done(), resolve(reply as Extract<FromHost, { op: Op }>)));
      waiting.set('failed', (reply) => (done(), reject(new Error((reply as { message: string }).message))));
      void exited.then(() => (done(), reject(new Error('the session process exited'))));
      post(message);
    });
  let dir: string | undefined;
  const removeDir = async (): Promise<void> => {
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  const address: SshdAddress = { host: sshd.host, port: sshd.port, user: sshd.user, clientKey: sshd.clientKey, hostPublicKey: sshd.hostPublicKey };
  try {
    dir = (await ask({ op: 'start', sshd: address }, 'started')).dir;
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw error;
  }
  return {
    childPid: child.pid,
    open: async (count) => (await ask({ op: 'open', count }, 'opened')).sessionIds,
    write: (sessionId, data) => post({ op: 'write', sessionId, data }),
    ack: (sessionId, bytes) => post({ op: 'ack', sessionId, bytes }),
    focus: (sessionId) => post({ op: 'focus', sessionId }),
    async crash() {
      child.kill('SIGKILL');
      await exited;
      // A killed child cannot remove its own folder.
      await removeDir();
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const slow = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await Promise.race([ask({ op: 'close' }, 'closed').catch(() => undefined), exited]);
        await exited;
        clearTimeout(slow);
      }
      await removeDir();
    },
  };
}
