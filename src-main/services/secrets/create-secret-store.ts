import path from 'node:path';
import { FallbackSecretStore } from './fallback-secret-store';
import { KeytarSecretStore } from './keytar-secret-store';
import { ProtectedFileSecretStore, type OsEncryption } from './protected-file-store';
import type { SecretStore } from './secret-store';

/**
 * The production secret store: the OS keychain through keytar; with OS encryption at hand (Electron's
 * safeStorage), an OS-encrypted file store under `<appData>/secrets` takes over only where Windows
 * refuses the keychain for the logon session. Never a plaintext store.
 */
export function createSecretStore(service: string, appDataDir: string, osEncryption?: OsEncryption): SecretStore {
  const keychain = new KeytarSecretStore(service);
  if (!osEncryption) return keychain;
  return new FallbackSecretStore(keychain, new ProtectedFileSecretStore(path.join(appDataDir, 'secrets'), osEncryption));
}
