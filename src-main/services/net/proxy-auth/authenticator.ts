import type { ProxyChallenge } from './challenges';
import { ProxyAuthError, type ProxyAuthFailure } from './errors';
import { ntlmAuthenticate, ntlmNegotiate } from './ntlm-messages';
import { mayReceiveCredentials, servicePrincipalFor, type ProxyAuthPolicy, type ProxyAuthScheme } from './policy';
import type { KerberosPort, ProxyCredential, ProxyCredentialsPort } from './ports';

/** One authentication exchange on one proxy connection: the first header, and the answer to a challenge (NTLM). */
export interface AuthExchange {
  readonly scheme: ProxyAuthScheme;
  /** The `Proxy-Authorization` value to send first. */
  readonly first: string;
  /** The next `Proxy-Authorization` value for the proxy's challenge, or null when the scheme has no second leg. */
  answer(challenge: ProxyChallenge | undefined): string | null;
}

/** What the authenticator needs from the OS: Kerberos, and the stored credentials. */
export interface ProxyAuthPorts {
  readonly kerberos?: KerberosPort | undefined;
  readonly credentials?: ProxyCredentialsPort | undefined;
}

const SCHEME_NAMES: Record<ProxyAuthScheme, string> = { negotiate: 'Negotiate', ntlm: 'NTLM', basic: 'Basic' };

function isScheme(value: string): value is ProxyAuthScheme {
  return value === 'negotiate' || value === 'ntlm' || value === 'basic';
}

function splitUser(username: string): { domain: string; username: string } {
  const backslash = username.indexOf('\\');
  if (backslash > 0) return { domain: username.slice(0, backslash), username: username.slice(backslash + 1) };
  return { domain: '', username };
}

function kerberosFailure(message: string): ProxyAuthFailure {
  return /no (kerberos )?credentials|credentials cache|ticket expired|no such file/i.test(message) ? 'no-ticket' : 'kerberos-failed';
}

/**
 * Chooses how to answer a proxy's 407 and builds the answers: Negotiate from the OS ticket, NTLM and
 * Basic from stored credentials, each only if policy allows it, and nothing at all to a proxy policy
 * did not allow to receive credentials. Remembers per proxy the scheme that worked, so later tunnels
 * authenticate on the first CONNECT.
 */
export class ProxyAuthenticator {
  private readonly working = new Map<string, ProxyAuthScheme>();

  /** Creates the authenticator over a policy and the OS ports. */
  constructor(
    readonly policy: ProxyAuthPolicy,
    private readonly ports: ProxyAuthPorts = {},
  ) {}

  /** The scheme that last opened a tunnel through this proxy, if any. */
  known(proxy: URL): ProxyAuthScheme | undefined {
    // Credentials written into the proxy URL are sent with the first CONNECT, as every HTTP client does.
    const preset = proxy.username && this.policy.allowBasic && this.policy.schemes.includes('basic') ? 'basic' : undefined;
    return this.working.get(proxy.host) ?? preset;
  }

  /** Records the outcome of a tunnel: the scheme that worked, or none. */
  remember(proxy: URL, scheme: ProxyAuthScheme | undefined): void {
    if (scheme) this.working.set(proxy.host, scheme);
    else this.working.delete(proxy.host);
  }

  /** Starts an exchange answering the proxy's challenges; throws a ProxyAuthError saying why it cannot. */
  async begin(proxy: URL, challenges: readonly ProxyChallenge[]): Promise<AuthExchange> {
    const offered = [...new Set(challenges.map((c) => c.scheme))];
    const names = offered.map((s) => (isScheme(s) ? SCHEME_NAMES[s] : s)).join(', ') || 'no scheme';
    if (!mayReceiveCredentials(this.policy, proxy)) {
      throw new ProxyAuthError(`the proxy ${proxy.host} asks for credentials (${names}) but policy does not allow sending credentials to it`, 'host-not-allowed', offered);
    }
    const allowed = this.policy.schemes.filter((s) => offered.includes(s) && (s !== 'basic' || this.policy.allowBasic));
    if (allowed.length === 0) {
      if (offered.some(isScheme)) {
        const basicOnly = offered.filter(isScheme).every((s) => s === 'basic') && !this.policy.allowBasic;
        const reason = basicOnly ? 'basic-forbidden' : 'scheme-not-allowed';
        throw new ProxyAuthError(`the proxy ${proxy.host} asks for ${names}, which policy does not allow`, reason, offered);
      }
      throw new ProxyAuthError(`the proxy ${proxy.host} asks for ${names}, which the console cannot answer`, 'unsupported-scheme', offered);
    }
    let first: ProxyAuthError | undefined;
    for (const scheme of allowed) {
      try {
        return await this.exchange(proxy, scheme, offered);
      } catch (error) {
        if (!(error instanceof ProxyAuthError)) throw error;
        first ??= error;
      }
    }
    throw first!;
  }

  /** Starts an exchange in a scheme known to work (sent before the proxy asks). */
  async exchange(proxy: URL, scheme: ProxyAuthScheme, offered: readonly string[] = [scheme]): Promise<AuthExchange> {
    if (!mayReceiveCredentials(this.policy, proxy)) throw new ProxyAuthError(`policy does not allow sending credentials to ${proxy.host}`, 'host-not-allowed', offered);
    if (scheme === 'negotiate') return this.negotiate(proxy, offered);
    const credential = await this.credential(proxy);
    if (!credential) {
      throw new ProxyAuthError(`the proxy ${proxy.host} asks for ${SCHEME_NAMES[scheme]}: no user name and password is stored for it`, 'no-credentials', offered, scheme);
    }
    if (scheme === 'basic') {
      const first = `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
      return { scheme, first, answer: () => null };
    }
    const { domain, username } = splitUser(credential.username);
    const options = { domain, username, password: credential.password, workstation: '' };
    return {
      scheme,
      first: ntlmNegotiate(options),
      answer: (challenge) => (challenge?.data ? ntlmAuthenticate(challenge.data, options) : null),
    };
  }

  private async negotiate(proxy: URL, offered: readonly string[]): Promise<AuthExchange> {
    if (!this.ports.kerberos) throw new ProxyAuthError('Kerberos is not available in this build', 'kerberos-failed', offered, 'negotiate');
    const spn = servicePrincipalFor(this.policy, proxy);
    try {
      const token = await this.ports.kerberos.initialToken(spn);
      return { scheme: 'negotiate', first: `Negotiate ${token}`, answer: () => null };
    } catch (error) {
      const message = (error as Error).message;
      const reason = kerberosFailure(message);
      const what = reason === 'no-ticket' ? 'there is no valid Kerberos ticket' : `Kerberos could not make a token for ${spn}`;
      throw new ProxyAuthError(`the proxy ${proxy.host} asks for Negotiate: ${what} (${message})`, reason, offered, 'negotiate');
    }
  }

  private async credential(proxy: URL): Promise<ProxyCredential | null> {
    if (proxy.username) return { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) };
    return (await this.ports.credentials?.get(proxy)) ?? null;
  }
}
