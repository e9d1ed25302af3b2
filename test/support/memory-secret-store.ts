import { SecretStoreUnavailableError, type SecretStore } from '../../src-main/services/secrets/secret-store';

/**
 * A SecretStore kept in this process's memory. Unit tests use it as the keychain; with
 * `maxValueBytes` it refuses oversized values exactly like Windows Credential Manager would.
 */
export class MemorySecretStore implements SecretStore {
  /** The stored items (tests inspect and tamper with them). */
  readonly items = new Map<string, string>();
  /** When set, every operation fails as an unreachable keychain would. */
  unavailable = false;

  /** Creates an empty store; values above `maxValueBytes` UTF-8 bytes are refused. */
  constructor(private readonly maxValueBytes = Number.POSITIVE_INFINITY) {}

  async get(account: string): Promise<string | null> {
    this.check();
    return this.items.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.check();
    if (Buffer.byteLength(value, 'utf8') > this.maxValueBytes) throw new SecretStoreUnavailableError('too-large', 'The stub received bad data.');
    this.items.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    this.check();
    return this.items.delete(account);
  }

  async list(): Promise<string[]> {
    this.check();
    return [...this.items.keys()];
  }

  private check(): void {
    if (this.unavailable) throw new SecretStoreUnavailableError('no-secret-service', 'The name org.freedesktop.secrets was not provided by any .service files');
  }
}
