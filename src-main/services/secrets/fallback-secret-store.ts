import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/** Which store holds the console's secrets on this workstation (shown by the workstation check). */
export type SecretStoreKind = 'os-keychain' | 'os-protected-file';

/**
 * The OS keychain (keytar), falling back to an OS-encrypted file store only where Windows refuses the
 * keychain for the whole logon session (ERROR_NO_SUCH_LOGON_SESSION under the "do not allow storage
 * of passwords and credentials" policy, or `runas /netonly`). Any other keychain failure is passed
 * on as it is: a locked keyring is not a reason to keep secrets elsewhere.
 */
export class FallbackSecretStore implements SecretStore {
  private usingFallback = false;

  /** Wraps the keychain with its fallback. */
  constructor(
    private readonly keychain: SecretStore,
    private readonly fallback: SecretStore,
  ) {}

  /** The store in use now. */
  kind(): SecretStoreKind {
    return this.usingFallback ? 'os-protected-file' : 'os-keychain';
  }

  get(account: string): Promise<string | null> {
    return this.run((store) => store.get(account));
  }

  set(account: string, value: string): Promise<void> {
    return this.run((store) => store.set(account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.run((store) => store.delete(account));
  }

  list(): Promise<string[]> {
    return this.run((store) => store.list());
  }

  private async run<T>(operation: (store: SecretStore) => Promise<T>): Promise<T> {
    if (this.usingFallback) return operation(this.fallback);
    try {
      return await operation(this.keychain);
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError) || error.failure !== 'no-logon-session') throw error;
      this.usingFallback = true;
      return operation(this.fallback);
    }
  }
}
