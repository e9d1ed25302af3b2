/**
 * CoreOptions for tests: the ports a test host supplies instead of Electron's. The e2e harness,
 * demo mode and the contract test all start from here, so a port added to CoreOptions is added
 * once, in this file, for every test host.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppConfig, type AppConfigInput } from '../../src-main/config/app-config';
import type { CoreOptions } from '../../src-main/core';
import type { SenderPolicy } from '../../src-main/ipc/router';
import type { Logger } from '../../src-main/services/log/logger';
import { StandInFileDialogs } from './file-dialogs';
import { tsxSessionProcess } from './session-process';

/** What the caller decides; everything else gets a test default. */
export interface TestCoreInput {
  readonly appDataDir: string;
  readonly log: Logger;
  readonly isTrustedSender: SenderPolicy;
  readonly config?: AppConfigInput;
  readonly language?: 'en' | 'ja';
  /** Links handed to the "OS browser" are appended here. */
  readonly openedLinks?: string[];
}

/** Builds complete CoreOptions for a test host. */
export function testCoreOptions(input: TestCoreInput, overrides: Partial<CoreOptions> = {}): CoreOptions {
  return {
    // Each test core gets its own item namespace in the (real) keychain, so parallel test files
    // never read or clear each other's token caches.
    config: AppConfig.parse({
      simulated: true,
      ...input.config,
      auth: { keychainService: `aks-access-console-test-${randomUUID()}`, ...input.config?.auth },
    }),
    appDataDir: input.appDataDir,
    log: input.log,
    isTrustedSender: input.isTrustedSender,
    runtime: 'browser-harness',
    version: '0.1.0-harness',
    osLocale: input.language === 'ja' ? 'ja-JP' : 'en-US',
    openExternal: async (url) => {
      input.openedLinks?.push(url);
    },
    // Hermetic: never the machine's real policy file; tests that need a policy pass their own.
    policySources: { filePath: path.join(input.appDataDir, 'policy', 'policy.json') },
    // The native file dialogs: the stand-in picks <appData>/picked/<kind> unless a test says otherwise.
    fileDialogs: new StandInFileDialogs(path.join(input.appDataDir, 'picked')),
    // As in the app: SSH clients run in the session process (started on first use; here a forked Node process).
    sessionProcess: tsxSessionProcess(),
    ...overrides,
  };
}
