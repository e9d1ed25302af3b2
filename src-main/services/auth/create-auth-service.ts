import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log';
import { FileLock, KeychainCachePlugin, type SecretStore } from '../secrets';
import { JsonFile } from '../storage';
import type { AuthConfig } from './auth-config';
import { AuthService, type AuthSelection } from './auth-service';
import { chooseInteractivePath, loadNativeBrokerPlugin } from './broker';
import type { HttpRequester } from './msal-http';
import type { PageLanguage } from './result-pages';
import { ArmTenantDirectory, type ArmClientOptions } from './tenant-directory';

/** What a host hands over to build the identity service. */
export interface AuthWiring {
  readonly config: AuthConfig;
  /** Per-user data folder: the cache lock and the remembered account/tenant (never a secret). */
  readonly appDataDir: string;
  readonly log: Logger;
  /** The OS keychain. */
  readonly secretStore: SecretStore;
  /** The net stack (proxy + trust store). */
  readonly http: HttpRequester;
  /** ARM client options carrying the net stack's httpClient. */
  readonly armClientOptions: ArmClientOptions;
  readonly openBrowser: (url: string) => Promise<void>;
  readonly windowHandle?: (() => Buffer | undefined) | undefined;
  readonly language: () => Promise<PageLanguage>;
}

const SelectionFile = z.object({ homeAccountId: z.string().optional(), tenantId: z.string().optional() });

/** Builds the AuthService with its keychain cache, lock, tenant directory and broker decision. */
export function createAuthService(w: AuthWiring): AuthService {
  return new AuthService({
    config: w.config,
    cache: new KeychainCachePlugin(w.secretStore, new FileLock(path.join(w.appDataDir, 'token-cache.lock')), w.log.child('token-cache')),
    http: w.http,
    openBrowser: w.openBrowser,
    directory: new ArmTenantDirectory(w.config.armEndpoint, w.config.armScope, w.armClientOptions),
    interactivePath: chooseInteractivePath({ platform: process.platform, policy: w.config.broker, loadPlugin: loadNativeBrokerPlugin }),
    ...(w.windowHandle ? { windowHandle: w.windowHandle } : {}),
    language: w.language,
    selection: new JsonFile<AuthSelection>(path.join(w.appDataDir, 'auth-selection.json'), SelectionFile, () => ({})),
    log: w.log,
  });
}
