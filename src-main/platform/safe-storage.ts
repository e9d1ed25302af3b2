/**
 * Electron's safeStorage as the OsEncryption port (DPAPI on Windows: this user, this machine).
 * Reviewed Electron glue: on Linux a `basic_text` backend is plain obfuscation, so it counts as
 * unavailable and the console never stores secrets that way.
 */
import { safeStorage } from 'electron';
import type { OsEncryption } from '../services/secrets/protected-file-store';

/** The OS encryption the secret store falls back to where the keychain is refused. */
export const safeStorageEncryption: OsEncryption = {
  available: () => safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};
