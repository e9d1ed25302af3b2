import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { startSshd, type TestSshd } from '../../support/sshd';
import { createSshStack, type SshStack } from './ssh-stack';

let sshd: TestSshd;
let stack: SshStack;
let agent: ChildProcess;
let socket: string;

beforeAll(async () => {
  sshd = await startSshd();
  stack = await createSshStack();
  socket = path.join(stack.dir, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync('ssh-add', ['-l'], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      break;
    } catch (error) {
      if ((error as { status?: number }).status === 1) break; // agent up, no identities yet
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const keyFile = path.join(stack.dir, 'agent-key');
  await writeFile(keyFile, sshd.clientKey, { mode: 0o600 });
  execFileSync('ssh-add', [keyFile], { env: { SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
});
afterAll(async () => {
  agent?.kill();
  await stack?.close();
  await sshd?.close();
});

describe('SSH agent authentication', () => {
  it('signs in with a key held by the SSH agent (SSH_AUTH_SOCK), after the host key is verified', async () => {
    const withAgent = await createSshStack({ agentSocket: socket });
    try {
      await withAgent.trust(sshd);
      const connection = await withAgent.connector.connect({
        target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'agent' } },
        requester: 'agent',
      });
      expect((await runRemote(connection, 'echo via-agent')).stdout).toBe('via-agent\n');
      await connection.close();
    } finally {
      await withAgent.close();
    }
  });

  it('says plainly when no agent is running', async () => {
    const error = await stack.connector
      .connect({ target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'agent' } }, requester: 'agent' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ssh.no_agent' });
  });
});
