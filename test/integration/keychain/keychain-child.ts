/**
 * Runs in a child process whose D-Bus/keyring situation the parent chose (no bus, a bus without a
 * Secret Service, a locked keyring): builds the production identity wiring (the same factory the
 * core uses, over the real net stack and the keytar store), signs in against the parent's Entra
 * stand-in, and prints one JSON line (never a token).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AuthConfig } from '../../../src-main/services/auth/auth-config';
import { createAuthService } from '../../../src-main/services/auth/create-auth-service';
import { azureClientOptions, NetStack } from '../../../src-main/services/net';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { createTestBrowser } from '../../standins/entra/test-browser';
import { MemoryLogger } from '../../support/memory-logger';

const origin = process.env.AKS_STANDIN_ORIGIN!;
const caPem = process.env.AKS_STANDIN_CA!;
const service = process.env.AKS_KEYCHAIN_SERVICE!;

const appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-child-'));
const log = new MemoryLogger();
const browser = createTestBrowser(caPem);
const net = NetStack.create({ env: {}, extraCaPem: caPem }, log);
const auth = createAuthService({
  config: AuthConfig.parse({ authorityHost: origin, knownAuthorities: [new URL(origin).host], armEndpoint: origin, keychainService: service }),
  appDataDir,
  log,
  secretStore: new KeytarSecretStore(service, 5000),
  http: net,
  armClientOptions: azureClientOptions(net),
  openBrowser: browser.open,
  language: async () => 'en',
});
const core = { auth, dispose: async () => { await auth.dispose(); net.dispose(); } };
const before = await core.auth.status();
const after = await core.auth.signIn('interactive');
const token = await core.auth.getToken('https://management.azure.com/.default');
let keychainError: string | undefined;
try {
  await new KeytarSecretStore(service, 5000).list();
} catch (error) {
  keychainError = (error as Error).message;
}
await core.dispose();
await rm(appDataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    storageAtStart: before.storage,
    storageAfterSignIn: after.storage,
    state: after.state,
    gotToken: Boolean(token?.token),
    keychainError,
    warnings: log.lines.filter((l) => l.includes('memory only')).length,
    logLines: log.lines,
  }),
);
