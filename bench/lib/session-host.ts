/**
 * The session side of the session-process bench: the product's real SSH stack and SessionManager
 * (ssh2 → UTF-8 decoding → frame batching → flow control with the product's windows), opening
 * shells on the bench's sshd and handing every output batch to a sink. The bench runs it in the
 * measured process (today's design) and in a forked child (`session-host-child.ts`), unchanged.
 */
import { DEFAULT_SSH_TIMINGS, type SshTargetValue } from '../../src-main/services/ssh/ssh-connector';
import { SessionManager } from '../../src-main/services/sessions/session-manager';
import { createSshStack, type SshStack } from '../../test/integration/ssh/ssh-stack';
import type { TestSshd } from '../../test/support/sshd';

/** What the host needs of the sshd: where it listens, who signs in, with which key, and its host key. */
export type SshdAddress = Pick<TestSshd, 'host' | 'port' | 'user' | 'clientKey' | 'hostPublicKey'>;

/** One output batch of one session, as the session port carries it (text, and the bytes to acknowledge). */
export interface HostFrame {
  readonly sessionId: string;
  readonly data: string;
  readonly bytes: number;
}

/** A running session host. */
export interface SessionHost {
  /** The host's temporary folder (its known-hosts store and key vault). */
  readonly dir: string;
  /** Opens `count` shells at once; resolves with their ids once every one is open. */
  open(count: number): Promise<string[]>;
  write(sessionId: string, data: string): void;
  ack(sessionId: string, bytes: number): void;
  /** The session in front (the product's `ssh.focus`): the others share the background window. */
  focus(sessionId: string): void;
  /** Closes every session and removes the folder. */
  close(): Promise<void>;
}

/** Starts a host whose output batches go to `sink`, with the product's SSH timings and flow-control windows. */
export async function startSessionHost(sshd: SshdAddress, sink: (frame: HostFrame) => void): Promise<SessionHost> {
  const stack: SshStack = await createSshStack({ timings: DEFAULT_SSH_TIMINGS });
  // keyTarget reads only the fields SshdAddress names.
  const target: SshTargetValue = await stack.keyTarget(sshd as TestSshd);
  const manager = new SessionManager({ connector: stack.connector, prompts: stack.prompts, log: stack.log });
  manager.onDidData(({ sessionId, data, bytes }) => sink({ sessionId, data, bytes }));
  const live = (id: string) => manager.has(id);
  return {
    dir: stack.dir,
    async open(count) {
      const ids = await Promise.all(Array.from({ length: count }, async () => (await manager.openSession(target, { cols: 120, rows: 40 })).sessionId));
      const deadline = Date.now() + 60_000;
      const states = () => ids.map((id) => manager.session(id).snapshot().state);
      while (!states().every((s) => s === 'open')) {
        if (Date.now() > deadline || states().some((s) => s === 'failed' || s === 'ended')) throw new Error(`shells did not open: ${states().join(', ')}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return ids;
    },
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
      await manager.dispose();
      await stack.close();
    },
  };
}
