import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createConsoleCore, type ConsoleCore, type CoreOptions } from '../../../src-main/core';
import { KEYCHAIN_ITEM_LIMIT_BYTES } from '../../../src-main/services/secrets/chunked-blob';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../../standins/entra/standin-tls';
import { createTestBrowser, type TestBrowser } from '../../standins/entra/test-browser';
import { testCoreOptions } from '../../support/core-options';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

/** A core wired to a running Entra stand-in, with an in-memory keychain that enforces the item limit. */
export interface AuthFixture {
  readonly entra: EntraStandIn;
  readonly core: ConsoleCore;
  readonly browser: TestBrowser;
  readonly keychain: MemorySecretStore;
  readonly log: MemoryLogger;
  readonly appDataDir: string;
  readonly tls: StandInTls;
  /** Builds another core over the same app data and keychain (a restart, or a second instance). */
  restart(overrides?: Partial<CoreOptions>): ConsoleCore;
  close(): Promise<void>;
}

let sharedTls: StandInTls | undefined;

/** Starts a stand-in and a core pointed at it through configuration only. */
export async function startAuthFixture(options: { auth?: Record<string, unknown>; config?: Record<string, unknown>; core?: Partial<CoreOptions>; keychain?: MemorySecretStore } = {}): Promise<AuthFixture> {
  sharedTls ??= makeStandInTls();
  const tls = sharedTls;
  const entra = await new EntraStandIn(tls).start();
  const appDataDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-auth-'));
  const log = new MemoryLogger();
  const keychain = options.keychain ?? new MemorySecretStore(KEYCHAIN_ITEM_LIMIT_BYTES);
  const browser = createTestBrowser(tls.caPem);
  const cores: ConsoleCore[] = [];
  const build = (overrides: Partial<CoreOptions> = {}) => {
    const core = createConsoleCore(
      testCoreOptions(
        { appDataDir, log, isTrustedSender: () => true, config: { ...options.config, auth: entra.authConfig({ requestTimeoutMs: 3000, ...options.auth }) } },
        { secretStore: keychain, openBrowser: browser.open, extraCaPem: tls.caPem, ...options.core, ...overrides },
      ),
    );
    cores.push(core);
    return core;
  };
  const core = build();
  return {
    entra,
    core,
    browser,
    keychain,
    log,
    appDataDir,
    tls,
    restart: build,
    async close() {
      for (const c of cores) await c.dispose();
      await entra.stop();
      await rm(appDataDir, { recursive: true, force: true });
    },
  };
}
