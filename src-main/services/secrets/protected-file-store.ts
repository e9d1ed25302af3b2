import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/**
 * Encryption the OS ties to this user on this machine (DPAPI on Windows through Electron's
 * `safeStorage`); a port, so the store is tested under Node with a stand-in cipher.
 */
export interface OsEncryption {
  /** False when the OS cannot encrypt for this user (the store then refuses: never plaintext). */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

const SUFFIX = '.secret';

/**
 * Secrets as files encrypted by the OS, one per account, owner-only (0600 in a 0700 folder). The
 * account name is stored inside the encrypted body and the file is named by its hash, so neither
 * names nor values are readable on disk. Used only where the OS keychain refuses (FallbackSecretStore).
 */
export class ProtectedFileSecretStore implements SecretStore {
  /** A store in `dir` (created on first write) encrypted with `encryption`. */
  constructor(
    private readonly dir: string,
    private readonly encryption: OsEncryption,
  ) {}

  async get(account: string): Promise<string | null> {
    const entry = this.read(this.fileOf(account));
    return entry && entry.account === account ? entry.value : null;
  }

  async set(account: string, value: string): Promise<void> {
    this.ensureAvailable();
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(account);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, this.encryption.encrypt(JSON.stringify({ account, value })), { mode: 0o600, flag: 'wx' });
    renameSync(temp, file);
  }

  async delete(account: string): Promise<boolean> {
    const file = this.fileOf(account);
    const existed = this.read(file) !== null;
    rmSync(file, { force: true });
    return existed;
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith(SUFFIX));
    } catch {
      return [];
    }
    return names.map((n) => this.read(path.join(this.dir, n))?.account).filter((a): a is string => a !== undefined);
  }

  private fileOf(account: string): string {
    return path.join(this.dir, `${createHash('sha256').update(account).digest('hex').slice(0, 32)}${SUFFIX}`);
  }

  private read(file: string): { account: string; value: string } | null {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      return null;
    }
    this.ensureAvailable();
    try {
      const parsed = JSON.parse(this.encryption.decrypt(data)) as { account?: unknown; value?: unknown };
      return typeof parsed.account === 'string' && typeof parsed.value === 'string' ? { account: parsed.account, value: parsed.value } : null;
    } catch (error) {
      throw new SecretStoreUnavailableError('unknown', 'a protected secret could not be decrypted for this user on this machine', { cause: error });
    }
  }

  private ensureAvailable(): void {
    if (!this.encryption.available()) throw new SecretStoreUnavailableError('unknown', 'the OS cannot encrypt secrets for this user; nothing is stored in plain text');
  }
}
