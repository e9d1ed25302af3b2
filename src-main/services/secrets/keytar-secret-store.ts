/**
 * The production SecretStore: the OS keychain through keytar (Credential Manager, Keychain,
 * libsecret). keytar is a plain Node native module, so this adapter runs under Node and Electron alike.
 */
import { createRequire } from 'node:module';
import type { SecretStore } from './secret-store';
import { classifyKeychainError, SecretStoreUnavailableError } from './secret-store';

interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

let loaded: KeytarApi | undefined;
function keytar(): KeytarApi {
  if (!loaded) loaded = createRequire(import.meta.url)('keytar') as KeytarApi;
  return loaded;
}

/** Keychain items under one service name; every failure becomes a SecretStoreUnavailableError. */
export class KeytarSecretStore implements SecretStore {
  /** Creates a store for `service`; an operation slower than `timeoutMs` counts as unavailable. */
  constructor(
    private readonly service: string,
    private readonly timeoutMs = 10_000,
  ) {}

  get(account: string): Promise<string | null> {
    return this.run(() => keytar().getPassword(this.service, account));
  }

  set(account: string, value: string): Promise<void> {
    return this.run(() => keytar().setPassword(this.service, account, value));
  }

  delete(account: string): Promise<boolean> {
    return this.run(() => keytar().deletePassword(this.service, account));
  }

  async list(): Promise<string[]> {
    const found = await this.run(() => keytar().findCredentials(this.service));
    return found.map((c) => c.account);
  }

  private async run<T>(operation: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SecretStoreUnavailableError('timeout', `keychain did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([operation(), timeout]);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SecretStoreUnavailableError(classifyKeychainError(message), message, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
