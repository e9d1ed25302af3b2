import type { SecretStore } from '../../secrets';
import type { ProxyCredential, ProxyCredentialsPort } from './ports';

const PREFIX = 'proxy-credential:';

function account(proxy: URL): string {
  return `${PREFIX}${proxy.host.toLowerCase()}`;
}

/** Proxy user names and passwords in the OS keychain, one entry per proxy host:port. */
export class KeychainProxyCredentials implements ProxyCredentialsPort {
  /** Wraps the console's secret store. */
  constructor(private readonly secrets: SecretStore) {}

  async get(proxy: URL): Promise<ProxyCredential | null> {
    const raw = await this.secrets.get(account(proxy));
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as Partial<ProxyCredential>;
      return typeof value.username === 'string' && typeof value.password === 'string' ? { username: value.username, password: value.password } : null;
    } catch {
      return null;
    }
  }

  /** Stores the credential the operator entered for a proxy (replacing any earlier one). */
  async set(proxy: URL, credential: ProxyCredential): Promise<void> {
    await this.secrets.set(account(proxy), JSON.stringify({ username: credential.username, password: credential.password }));
  }

  /** Forgets the credential for a proxy; true when one was stored. */
  async clear(proxy: URL): Promise<boolean> {
    return this.secrets.delete(account(proxy));
  }
}
