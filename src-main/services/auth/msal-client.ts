import { LogLevel, PublicClientApplication, type ICachePlugin } from '@azure/msal-node';
import type { Logger } from '../log';
import type { AuthConfig } from './auth-config';
import type { InteractivePath } from './broker';
import { MsalHttp, type HttpRequester } from './msal-http';

/** What the MSAL public client is built from. */
export interface MsalClientParts {
  readonly config: AuthConfig;
  readonly cache: ICachePlugin;
  readonly http: HttpRequester;
  readonly path: InteractivePath;
  readonly log: Logger;
}

/**
 * The one MSAL PublicClientApplication: the configured authority (instance discovery skipped for
 * `knownAuthorities`), CAE-capable tokens (`CP1`), the keychain cache, the net stack as its network
 * client, the broker when chosen, and MSAL's own log (no PII) folded into ours at warning level.
 */
export function createMsalClient(parts: MsalClientParts): PublicClientApplication {
  const { config, path } = parts;
  return new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: `${config.authorityHost}/${config.signInTenant}`,
      knownAuthorities: config.knownAuthorities,
      clientCapabilities: ['CP1'],
    },
    cache: { cachePlugin: parts.cache },
    ...(path.mode === 'broker' ? { broker: { nativeBrokerPlugin: path.plugin } } : {}),
    system: {
      networkClient: new MsalHttp(parts.http, config.requestTimeoutMs),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level <= LogLevel.Warning) parts.log.warn('msal', { message });
        },
      },
    },
  });
}
