import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-main/services/errors/app-error';
import { HostKeyRefusedError } from '../../../src-main/services/ssh/host-key-verifier';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import { startSshd, type TestSshd } from '../../support/sshd';
import { startGatheringRelay } from './gathering-relay';
import { createSshStack, type SshStack } from './ssh-stack';

let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd({ password: 'correct horse battery' });
});
afterAll(async () => {
  await sshd?.close();
});

function target(stackKeyId: string): SshTargetValue {
  return { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId: stackKeyId } };
}

async function withStack<T>(fn: (stack: SshStack, keyId: string) => Promise<T>): Promise<T> {
  const stack = await createSshStack();
  try {
    const key = await stack.vault.import('test key', sshd.clientKey);
    return await fn(stack, key.keyId);
  } finally {
    await stack.close();
  }
}

async function authLinesSince(offset: number): Promise<string[]> {
  const log = (await sshd.log()).slice(offset);
  return log.split('\n').filter((l) => /Accepted|Failed|Postponed|userauth|Invalid user|authenticating user/i.test(l));
}

describe('SSH to a real OpenSSH jump box', () => {
  it('asks about an unknown host key before authenticating, and "accept always" stores it', async () => {
    await withStack(async (stack, keyId) => {
      stack.autoAnswer('accept-always');
      const offset = (await sshd.log()).length;
      const connection = await stack.connector.connect({ target: target(keyId), requester: 's1' });
      expect(await authLinesSince(offset)).toContainEqual(expect.stringMatching(/Accepted publickey for akssshtest/));
      expect(stack.asked).toHaveLength(1);
      expect(stack.asked[0]!.fingerprint).toMatch(/^SHA256:/);
      expect(connection.hostKeyFingerprint).toBe(stack.asked[0]!.fingerprint);
      const result = await runRemote(connection, 'echo hello; exit 3');
      expect(result).toMatchObject({ exitCode: 3, stdout: 'hello\n' });
      await connection.close();
      const again = await stack.connector.connect({ target: target(keyId), requester: 's2' });
      expect(stack.asked).toHaveLength(1);
      await again.close();
      expect(await stack.store.list()).toEqual([expect.objectContaining({ hostId: `[127.0.0.1]:${sshd.port}`, keyType: 'ssh-ed25519', source: 'operator' })]);
    });
  });

  it('reports the exit status when it arrives in one read with the command\'s start and end (a relay that gathers packets, as Bastion can)', async () => {
    const relay = await startGatheringRelay(sshd.host, sshd.port);
    await withStack(async (stack, keyId) => {
      stack.autoAnswer('accept-once');
      const connection = await stack.connector.connect({ target: { ...target(keyId), route: { kind: 'direct', host: '127.0.0.1', port: relay.port } }, requester: 'gathered' });
      try {
        for (const code of [0, 3, 7]) expect(await runRemote(connection, `echo hello; exit ${code}`)).toMatchObject({ exitCode: code, stdout: 'hello\n' });
        expect(await runRemote(connection, 'kill -TERM $$')).toMatchObject({ exitCode: undefined, signal: 'SIGTERM' });
      } finally {
        await connection.close();
        await relay.close();
      }
    });
  });

  it('refusing an unknown key ends the connection and no authentication reaches sshd', async () => {
    await withStack(async (stack, keyId) => {
      stack.autoAnswer('refuse');
      const offset = (await sshd.log()).length;
      const error = await stack.connector.connect({ target: target(keyId), requester: 's1' }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.host_key_refused');
      await new Promise((r) => setTimeout(r, 300));
      const log = (await sshd.log()).slice(offset);
      expect(log).toMatch(/Connection from 127\.0\.0\.1/);
      expect(await authLinesSince(offset)).toEqual([]);
    });
  });

  it('hard-refuses a changed host key with both fingerprints, before any credential is sent', async () => {
    await withStack(async (stack, keyId) => {
      await stack.trust(sshd);
      await sshd.rotateHostKey();
      stack.autoAnswer('accept-always');
      const offset = (await sshd.log()).length;
      const error = await stack.connector.connect({ target: target(keyId), requester: 's1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostKeyRefusedError);
      const refusal = error as HostKeyRefusedError;
      expect(refusal.code).toBe('ssh.host_key_changed');
      expect(refusal.message).toMatch(/has changed/);
      expect(refusal.mismatch?.expected[0]).toMatch(/^ssh-ed25519 SHA256:/);
      expect(refusal.mismatch?.presented).not.toBe(refusal.mismatch?.expected[0]?.split(' ')[1]);
      expect(stack.asked).toHaveLength(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(await authLinesSince(offset)).toEqual([]);
    });
  });

  it('reports a key the server does not accept as an authentication failure', async () => {
    const stack = await createSshStack();
    try {
      const other = await import('node:child_process');
      const dir = stack.dir;
      other.execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'pass phrase', '-f', `${dir}/other`]);
      const { readFileSync } = await import('node:fs');
      const key = await stack.vault.import('other', readFileSync(`${dir}/other`, 'utf8'), 'pass phrase');
      await stack.trust(sshd);
      const error = await stack.connector.connect({ target: target(key.keyId), requester: 's1' }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.auth_failed');
    } finally {
      await stack.close();
    }
  });

  it('uses a password only when the operator chose it', async () => {
    const stack = await createSshStack();
    try {
      await stack.trust(sshd);
      const base = { route: { kind: 'direct' as const, host: sshd.host, port: sshd.port }, username: sshd.user };
      const ok = await stack.connector.connect({ target: { ...base, auth: { method: 'password', password: 'correct horse battery' } }, requester: 'p' });
      expect((await runRemote(ok, 'id -un')).stdout.trim()).toBe(sshd.user);
      await ok.close();
      const bad = await stack.connector.connect({ target: { ...base, auth: { method: 'password', password: 'wrong' } }, requester: 'p' }).catch((e: unknown) => e);
      expect(isAppError(bad) && bad.code).toBe('ssh.auth_failed');
      expect(stack.log.lines.join('\n')).not.toContain('correct horse battery');
    } finally {
      await stack.close();
    }
  });

  it('says clearly when nothing listens at the jump box address', async () => {
    await withStack(async (stack, keyId) => {
      const error = await stack.connector
        .connect({ target: { ...target(keyId), route: { kind: 'direct', host: '127.0.0.1', port: 1 } }, requester: 's' })
        .catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.unreachable');
      expect((error as Error).message).toMatch(/connection refused/);
    });
  });
});
