import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SshKeyVault } from '../../../../../src-main/services/ssh/ssh-key-vault';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

describe('SshKeyVault', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vault-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function keygen(type: string, passphrase: string, bits?: string): Promise<{ key: string; fingerprint: string }> {
    const file = path.join(dir, `k-${type}-${Math.random()}`);
    execFileSync('ssh-keygen', ['-q', '-a', '4', '-t', type, ...(bits ? ['-b', bits] : []), '-N', passphrase, '-C', 'ops@paw', '-f', file]);
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    return { key: await readFile(file, 'utf8'), fingerprint };
  }

  it('stores an encrypted key and its passphrase in the keychain (chunked under the Windows item limit) and only public facts on disk', async () => {
    const secrets = new MemorySecretStore(2560);
    const vault = new SshKeyVault(secrets, dir);
    const { key, fingerprint } = await keygen('rsa', 'open sesame', '3072');
    const meta = await vault.import('prod jump', key, 'open sesame');
    expect(meta).toMatchObject({ name: 'prod jump', keyType: 'ssh-rsa', fingerprint, comment: 'ops@paw', encrypted: true });
    const onDisk = await readFile(path.join(dir, 'ssh-keys.json'), 'utf8');
    expect(onDisk).not.toMatch(/PRIVATE KEY|open sesame/);
    expect([...secrets.items.keys()].length).toBeGreaterThan(1);
    expect(await vault.material(meta.keyId)).toEqual({ privateKey: key.trim() + '\n', passphrase: 'open sesame' });
    expect(await vault.list()).toEqual([meta]);
    expect(await vault.remove(meta.keyId)).toBe(true);
    expect(secrets.items.size).toBe(0);
    await expect(vault.material(meta.keyId)).rejects.toMatchObject({ code: 'sshkeys.missing' });
  }, 30_000);

  it('says why a key cannot be imported: wrong or missing passphrase, public key, garbage', async () => {
    const vault = new SshKeyVault(new MemorySecretStore(), dir);
    const { key } = await keygen('ed25519', 'right');
    await expect(vault.import('k', key, 'wrong')).rejects.toMatchObject({ code: 'sshkeys.bad_passphrase' });
    await expect(vault.import('k', key)).rejects.toMatchObject({ code: 'sshkeys.bad_passphrase', message: expect.stringMatching(/enter its passphrase/) });
    const pub = execFileSync('ssh-keygen', ['-y', '-P', 'right', '-f', path.join(dir, (await import('node:fs')).readdirSync(dir).find((f) => f.startsWith('k-ed25519') && !f.endsWith('.pub'))!)], { encoding: 'utf8' });
    await expect(vault.import('k', pub)).rejects.toMatchObject({ code: expect.stringMatching(/sshkeys\.(not_private|unreadable)/) });
    await expect(vault.import('k', 'x'.repeat(100))).rejects.toMatchObject({ code: 'sshkeys.unreadable' });
    expect(await vault.list()).toEqual([]);
  }, 30_000);

  it('reports an unavailable keychain plainly', async () => {
    const secrets = new MemorySecretStore();
    secrets.unavailable = true;
    const { key } = await keygen('ed25519', '');
    await expect(new SshKeyVault(secrets, dir).import('k', key)).rejects.toMatchObject({ code: 'sshkeys.keychain_unavailable' });
  });
});
