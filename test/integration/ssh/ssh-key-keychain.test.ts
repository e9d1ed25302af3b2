import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { startSshd, type TestSshd } from '../../support/sshd';
import { requireTestKeyring } from '../keychain/keyring-env';
import { createSshStack, type SshStack } from './ssh-stack';

const keytar = createRequire(import.meta.url)('keytar') as { findCredentials(service: string): Promise<Array<{ account: string; password: string }>> };

// Counted as a failed test (not a skipped one) when run outside scripts/test.sh's private keyring.
it('runs against the private unlocked gnome-keyring', () => requireTestKeyring());

describe('SSH keys in the real OS keychain (gnome-keyring through libsecret)', () => {
  let sshd: TestSshd;
  let stack: SshStack;
  const service = `aksc-ssh-test-${randomUUID()}`;

  beforeAll(async () => {
    requireTestKeyring();
    sshd = await startSshd();
    stack = await createSshStack({ secrets: new KeytarSecretStore(service) });
    await stack.trust(sshd);
  });
  afterAll(async () => {
    for (const c of await keytar.findCredentials(service).catch(() => [])) await new KeytarSecretStore(service).delete(c.account);
    await stack?.close();
    await sshd?.close();
  });

  it('imports a passphrase-protected key into the keychain, signs in with it, and keeps no key material in app data', async () => {
    const keyPath = path.join(stack.dir, 'operator-key');
    execFileSync('ssh-keygen', ['-q', '-a', '4', '-t', 'ed25519', '-N', 'kc pass phrase', '-C', 'op', '-f', keyPath]);
    const authorized = path.join(sshd.dir, 'authorized', sshd.user);
    const { appendFile, rm } = await import('node:fs/promises');
    await appendFile(authorized, await readFile(`${keyPath}.pub`, 'utf8'));
    const privateKey = await readFile(keyPath, 'utf8');
    await rm(keyPath);
    const meta = await stack.vault.import('operator', privateKey, 'kc pass phrase');
    const items = await keytar.findCredentials(service);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => Buffer.byteLength(i.password) <= 2560)).toBe(true);
    for (const file of await readdir(stack.dir)) {
      if (file === `operator-key.pub`) continue;
      const text = await readFile(path.join(stack.dir, file), 'utf8').catch(() => '');
      expect(text).not.toContain('kc pass phrase');
      expect(text).not.toContain('PRIVATE KEY');
    }
    const connection = await stack.connector.connect({
      target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId: meta.keyId } },
      requester: 'kc',
    });
    expect((await runRemote(connection, 'echo signed-in')).stdout).toBe('signed-in\n');
    await connection.close();
    expect(await stack.vault.remove(meta.keyId)).toBe(true);
    expect(await keytar.findCredentials(service)).toEqual([]);
  });
});
