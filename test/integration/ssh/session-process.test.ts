/**
 * The session process with real parts: OpenSSH sshd as the jump box, the forked session process
 * (`src-main/session-host.ts`), main's SessionManager. What crosses to the process, what a crash
 * of it does to the sessions, and that it never outlives main.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-main/services/errors/app-error';
import { SessionManager } from '../../../src-main/services/sessions/session-manager';
import { forkSessionProcess, SessionProcess, sessionProcessClients, type SessionProcessLauncher } from '../../../src-main/services/ssh/session-process';
import type { ToSessionProcess } from '../../../src-main/services/ssh/session-process/messages';
import { SshConnector } from '../../../src-main/services/ssh/ssh-connector';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { MemoryLogger } from '../../support/memory-logger';
import { tsxSessionProcess } from '../../support/session-process';
import { startSshd, type TestSshd } from '../../support/sshd';
import { waitUntil } from '../../support/ssh-traffic';
import { createSshStack, type SshStack } from './ssh-stack';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The tsx launcher, recording every message main posts to the process. */
function recordingLauncher(posted: ToSessionProcess[]): SessionProcessLauncher {
  const launch = tsxSessionProcess();
  return () => {
    const handle = launch();
    return { ...handle, pid: handle.pid, post: (m) => (posted.push(m), handle.post(m)) };
  };
}

let sshd: TestSshd;
beforeAll(async () => {
  sshd = await startSshd();
});
afterAll(() => sshd?.close());

describe('the session process', () => {
  it('signs in with a key whose private half never reaches it: main signs what it asks', async () => {
    const posted: ToSessionProcess[] = [];
    const stack = await createSshStack({ sessionProcess: false });
    const sessions = new SessionProcess(recordingLauncher(posted), stack.log);
    const connector = new SshConnector({ verifier: stack.verifier, knownHosts: stack.store, keys: stack.vault, log: stack.log, clientHost: sessionProcessClients(sessions) });
    try {
      const target = await stack.keyTarget(sshd);
      const connection = await connector.connect({ target, requester: 'key-check' });
      expect(await runRemote(connection, 'id -un')).toMatchObject({ exitCode: 0, stdout: `${sshd.user}\n` });
      await connection.close();
      const key = ssh2.utils.parseKey(sshd.clientKey) as ssh2.ParsedKey;
      const wire = Buffer.concat(posted.map((m) => serialize(m)));
      const pemBody = sshd.clientKey.split('\n').filter((l) => l && !l.startsWith('-----'));
      expect(pemBody.length).toBeGreaterThan(0);
      for (const line of pemBody) expect(wire.includes(line)).toBe(false);
      expect(wire.includes(key.getPrivatePEM())).toBe(false);
      // It did get the public key, and main answered its signature requests.
      expect(posted.some((m) => m.op === 'auth-method' && m.method && m.method.type === 'signer' && Buffer.from(m.method.publicKey).equals(key.getPublicSSH()))).toBe(true);
      expect(posted.some((m) => m.op === 'signed' && m.signature !== undefined)).toBe(true);
    } finally {
      sessions.dispose();
      await stack.close();
    }
  });

  describe('killed while shells stream', () => {
    let stack: SshStack;
    let manager: SessionManager;
    beforeAll(async () => {
      stack = await createSshStack({ sessionProcess: true });
      manager = new SessionManager({ connector: stack.connector, prompts: stack.prompts, log: stack.log });
    });
    afterAll(async () => {
      await manager?.dispose();
      await stack?.close();
    });

    it('ends every session with the reason, and each reconnects in a new process and echoes', async () => {
      const target = await stack.keyTarget(sshd);
      const ids = await Promise.all([0, 1, 2].map(async () => (await manager.openSession(target, { cols: 80, rows: 24 })).sessionId));
      await waitUntil(() => ids.every((id) => manager.session(id).snapshot().state === 'open'), () => 'three open shells');
      const received = new Map<string, string>(ids.map((id) => [id, '']));
      manager.onDidData(({ sessionId, data, bytes }) => {
        received.set(sessionId, (received.get(sessionId) ?? '').slice(-4096) + data);
        manager.session(sessionId).ack(bytes);
      });
      for (const id of ids) manager.session(id).write('while true; do echo streaming-streaming-streaming; done\n');
      await waitUntil(() => ids.every((id) => (received.get(id) ?? '').includes('streaming-streaming')), () => 'every shell streaming');
      const pid = stack.sessionProcess!.pid!;
      process.kill(pid, 'SIGKILL');
      await waitUntil(() => ids.every((id) => manager.session(id).snapshot().state === 'ended'), () => `ended (${ids.map((id) => manager.session(id).snapshot().state).join(', ')})`);
      for (const id of ids) expect(manager.session(id).snapshot().problem?.code).toBe('ssh.session_process_lost');
      await waitUntil(() => !alive(pid), () => `the killed process ${pid} gone`);

      for (const id of ids) await manager.reconnectSession(id);
      await waitUntil(() => ids.every((id) => manager.session(id).snapshot().state === 'open'), () => 'reconnected shells open');
      expect(stack.sessionProcess!.pid).not.toBe(pid);
      for (const [i, id] of ids.entries()) manager.session(id).write(`echo back-${i}-$((40+2))\n`);
      await waitUntil(() => ids.every((id, i) => (received.get(id) ?? '').includes(`back-${i}-42`)), () => 'every reconnected shell echoing');
    });
  });

  it('fails a connection with a plain reason when the process cannot start', async () => {
    const stack = await createSshStack({ sessionProcess: false });
    const log = new MemoryLogger();
    const sessions = new SessionProcess(forkSessionProcess({ entry: path.join(HERE, 'fixtures', 'no-such-entry.js') }), log);
    const connector = new SshConnector({ verifier: stack.verifier, knownHosts: stack.store, keys: stack.vault, log: stack.log, clientHost: sessionProcessClients(sessions) });
    try {
      const error = await connector.connect({ target: await stack.keyTarget(sshd), requester: 'no-process' }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.session_process_failed');
      expect(log.lines.join('\n')).toMatch(/ended before it started/);
    } finally {
      sessions.dispose();
      await stack.close();
    }
  });

  it('does not outlive main: a main that crashes takes its session process with it', async () => {
    const parent = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'fixtures', 'session-process-parent.ts'), sshd.host, String(sshd.port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((r) => parent.once('exit', r));
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await waitUntil(() => /^\d+\n/.test(out) || parent.exitCode !== null, () => 'the parent printing its session process pid');
      const pid = Number(out.trim());
      expect(alive(pid)).toBe(true);
      parent.kill('SIGKILL');
      await exited;
      await waitUntil(() => !alive(pid), () => `session process ${pid} gone after its parent died`, 15_000);
    } finally {
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
