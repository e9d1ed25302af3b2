/**
 * Runs in a child process whose D-Bus/keyring situation the parent chose (no bus, a bus without a
 * Secret Service, a locked keyring): builds the real core with the production keytar store, signs
 * in against the parent's Entra stand-in, and prints one JSON line (never a token).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createConsoleCore } from '../../../src-main/core';
import { MemoryLogger } from '../../../src-main/services/log/logger';
import { KeytarSecretStore } from '../../../src-main/services/secrets/keytar-secret-store';
import { createTestBrowser } from '../../standins/entra/test-browser';
import { testCoreOptions } from '../../support/core-options';

const origin = process.env.AKS_STANDIN_ORIGIN!;
const caPem = process.env.AKS_STANDIN_CA!;
const service = process.env.AKS_KEYCHAIN_SERVICE!;

const appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-child-'));
const log = new MemoryLogger();
const browser = createTestBrowser(caPem);
const core = createConsoleCore(
  testCoreOptions(
    {
      appDataDir,
      log,
      isTrustedSender: () => true,
      config: { auth: { authorityHost: origin, knownAuthorities: [new URL(origin).host], armEndpoint: origin, keychainService: service } },
    },
    { secretStore: new KeytarSecretStore(service, 5000), openBrowser: browser.open, extraCaPem: caPem },
  ),
);
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
