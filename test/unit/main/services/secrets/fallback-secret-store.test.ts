import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FallbackSecretStore } from '../../../../../src-main/services/secrets/fallback-secret-store';
import { ProtectedFileSecretStore, type OsEncryption } from '../../../../../src-main/services/secrets/protected-file-store';
import { classifyKeychainError, SecretStoreUnavailableError, type SecretStore } from '../../../../../src-main/services/secrets/secret-store';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

/** Stands in for DPAPI / safeStorage: real authenticated encryption under a key the store never sees. */
function testEncryption(available = true): OsEncryption {
  const key = randomBytes(32);
  return {
    available: () => available,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** keytar on a hardened Windows PAW: every call fails as Credential Manager does under the policy. */
class RefusingKeychain implements SecretStore {
  calls = 0;
  private fail(): never {
    this.calls += 1;
    const message = 'A specified logon session does not exist. It may already have been terminated.';
    throw new SecretStoreUnavailableError(classifyKeychainError(message), message);
  }
  get = async (): Promise<string | null> => this.fail();
  set = async (): Promise<void> => this.fail();
  delete = async (): Promise<boolean> => this.fail();
  list = async (): Promise<string[]> => this.fail();
}

const SECRET = 'refresh-token-0123456789abcdef';

describe('keychain on a hardened Windows PAW', () => {
  it('classifies Credential Manager\'s logon-session refusal (ERROR_NO_SUCH_LOGON_SESSION)', () => {
    expect(classifyKeychainError('A specified logon session does not exist. It may already have been terminated.')).toBe('no-logon-session');
    expect(classifyKeychainError('Error 1312')).toBe('no-logon-session');
  });

  it('falls back to an OS-protected file when the keychain refuses with no logon session, never plaintext', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    const keychain = new RefusingKeychain();
    const store = new FallbackSecretStore(keychain, new ProtectedFileSecretStore(path.join(dir, 'secrets'), testEncryption()));
    await store.set('msal.cache', SECRET);
    expect(await store.get('msal.cache')).toBe(SECRET);
    expect(await store.list()).toEqual(['msal.cache']);
    expect(store.kind()).toBe('os-protected-file');
    const files = readdirSync(path.join(dir, 'secrets'));
    expect(files).toHaveLength(1);
    const file = path.join(dir, 'secrets', files[0]!);
    expect(readFileSync(file).includes(SECRET)).toBe(false);
    expect(readFileSync(file).includes('msal.cache')).toBe(false);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await store.delete('msal.cache')).toBe(true);
    expect(await store.get('msal.cache')).toBeNull();
  });

  it('refuses rather than write plaintext when the OS cannot encrypt', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    const store = new FallbackSecretStore(new RefusingKeychain(), new ProtectedFileSecretStore(path.join(dir, 'secrets'), testEncryption(false)));
    await expect(store.set('msal.cache', SECRET)).rejects.toBeInstanceOf(SecretStoreUnavailableError);
  });

  it('keeps using the keychain where it works, and does not fall back for other failures', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'secrets-'));
    const keychain = new MemorySecretStore();
    const store = new FallbackSecretStore(keychain, new ProtectedFileSecretStore(path.join(dir, 'secrets'), testEncryption()));
    await store.set('a', SECRET);
    expect(await keychain.get('a')).toBe(SECRET);
    expect(store.kind()).toBe('os-keychain');
    const locked = new FallbackSecretStore(
      { get: async () => { throw new SecretStoreUnavailableError('keyring-locked', 'locked'); }, set: async () => {}, delete: async () => false, list: async () => [] },
      new ProtectedFileSecretStore(path.join(dir, 'other'), testEncryption()),
    );
    await expect(locked.get('a')).rejects.toThrow('locked');
    expect(locked.kind()).toBe('os-keychain');
  });
});
