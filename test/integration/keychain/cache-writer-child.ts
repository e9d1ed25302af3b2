/**
 * One "console instance" for the cross-process test: it performs read-modify-write cycles on the
 * shared token cache through the production plugin (keytar store + file lock), the way MSAL does
 * when it stores a token: before(write intent) → change → after.
 */
import type { TokenCacheContext } from '@azure/msal-node';
import { FileLock } from '../../../src-main/services/secrets/cross-process-lock';
import { KeychainCachePlugin } from '../../../src-main/services/secrets/keychain-cache-plugin';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { MemoryLogger } from '../../support/memory-logger';

const [service, lockPath, id, rounds] = process.argv.slice(2) as [string, string, string, string];
const plugin = new KeychainCachePlugin(new KeytarSecretStore(service), new FileLock(lockPath, 60_000), new MemoryLogger());
let state = '{}';
const tokenCache = {
  deserialize: (value: string) => {
    state = value;
  },
  serialize: () => state,
};
for (let i = 0; i < Number(rounds); i += 1) {
  const context = { cacheHasChanged: true, tokenCache } as unknown as TokenCacheContext;
  await plugin.beforeCacheAccess(context);
  const cache = JSON.parse(state) as { AccessToken?: Record<string, string> };
  cache.AccessToken = { ...cache.AccessToken, [`${id}-${i}`]: 'x'.repeat(1500) };
  state = JSON.stringify(cache);
  await plugin.afterCacheAccess(context);
}
console.log(JSON.stringify({ mode: plugin.mode.kind }));
