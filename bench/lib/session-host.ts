/**
 * The session side of the session-process bench: the product's real SSH stack and SessionManager
 * (ssh2 → UTF-8 decoding → frame batching → flow control with the product's windows), opening
 * shells on the bench's sshd and handing every output batch to a sink, always in the measured
 * process (Electron's main). Where the SSH clients, sockets and channels run is the variant: in the
 * measured process too (the connector's own clients), or in the product's session process (a forked
 * `src-main/session-host.ts`, the stand-in for utilityProcess, behind `sessionProcessClients`).
 */
import { DEFAULT_SSH_TIMINGS, type SshTargetValue } from '../../src-main/services/ssh/ssh-connector';
import { SessionManager } from '../../src-main/services/sessions/session-manager';
import { createSshStack, type SshStack } from '../../test/integration/ssh/ssh-stack';
import type { TestSshd } from '../../test/support/sshd';
import { procStat } from './process-cpu';

/** What the host needs of the sshd: where it listens, who signs in, with which key, and its host key. */
export type SshdAddress = Pick<TestSshd, 'host' | 'port' | 'user' | 'clientKey' | 'hostPublicKey'>;

/** One output batch of one session, as the session port carries it (text, and the bytes to acknowledge). */
export interface HostFrame {
  readonly sessionId: string;
  readonly data: string;
  readonly bytes: number;
}

/** A session's state and, once it ended or failed, why. */
export interface HostSessionState {
  readonly state: string;
  readonly problem: string | undefined;
}

/** A running session host. */
export interface SessionHost {
  /** The host's temporary folder (its known-hosts store and key vault). */
  readonly dir: string;
  /** The session process's pid while one runs; always undefined when the clients run in this process. */
  readonly childPid: number | undefined;
  /** Opens `count` shells at once; resolves with their ids once every one is open. */
  open(count: number): Promise<string[]>;
  /** Reconnects an ended session; resolves once its shell is open again. */
  reconnect(sessionId: string): Promise<void>;
  state(sessionId: string): HostSessionState;
  write(sessionId: string, data: string): void;
  ack(sessionId: string, bytes: number): void;
  /** The session in front (the product's `ssh.focus`): the others share the background window. */
  focus(sessionId: string): void;
  /** Closes every session (and the session process, waiting until it is gone) and removes the folder. */
  close(): Promise<void>;
}

/** Polls `done` every 5 ms until it holds, or throws `what` after `timeoutMs`. */
export async function until(done: () => boolean, what: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Starts a host whose output batches go to `sink`, with the product's SSH timings and flow-control
 * windows; `sessionProcess` puts the SSH clients in the product's session process.
 */
export async function startSessionHost(sshd: SshdAddress, sink: (frame: HostFrame) => void, options: { sessionProcess: boolean }): Promise<SessionHost> {
  const stack: SshStack = await createSshStack({ timings: DEFAULT_SSH_TIMINGS, sessionProcess: options.sessionProcess });
  // keyTarget reads only the fields SshdAddress names.
  const target: SshTargetValue = await stack.keyTarget(sshd as TestSshd);
  const manager = new SessionManager({ connector: stack.connector, prompts: stack.prompts, log: stack.log });
  manager.onDidData(({ sessionId, data, bytes }) => sink({ sessionId, data, bytes }));
  const live = (id: string) => manager.has(id);
  const state = (id: string): HostSessionState => {
    const info = manager.session(id).snapshot();
    return { state: info.state, problem: info.problem?.code };
  };
  const allOpen = async (ids: string[]): Promise<void> => {
    const states = () => ids.map((id) => state(id).state);
    await until(
      () => {
        const now = states();
        if (now.some((s) => s === 'failed' || s === 'ended')) throw new Error(`shells did not open: ${ids.map((id) => JSON.stringify(state(id))).join(', ')}`);
        return now.every((s) => s === 'open');
      },
      () => `shells did not open in time: ${states().join(', ')}`,
    );
  };
  return {
    dir: stack.dir,
    get childPid() {
      return stack.sessionProcess?.pid;
    },
    async open(count) {
      const ids = await Promise.all(Array.from({ length: count }, async () => (await manager.openSession(target, { cols: 120, rows: 40 })).sessionId));
      await allOpen(ids);
      return ids;
    },
    async reconnect(id) {
      await manager.reconnectSession(id);
      await allOpen([id]);
    },
    state,
    write(id, data) {
      if (live(id)) manager.session(id).write(data);
    },
    ack(id, bytes) {
      // The last batch of a closing session may be acknowledged after it is gone.
      if (live(id)) manager.session(id).ack(bytes);
    },
    focus(id) {
      manager.focus(id);
    },
    async close() {
      const pid = stack.sessionProcess?.pid;
      await manager.dispose();
      await stack.close();
      // The next variant must not share the machine with a session process still on its way out.
      if (pid !== undefined) await until(() => procStat(pid) === undefined, () => `the session process ${pid} did not end`, 10_000);
    },
  };
}
