/**
 * The composition root shared by every host: the Electron main process, the end-to-end harness and
 * demo mode all build the same services and the same router here; only the ports differ.
 */
import path from 'node:path';
import type { AppConfig } from './config/app-config';
import { IpcRouter, type SenderPolicy } from './ipc/router';
import { registerAppHandlers } from './ipc/handlers/app-handlers';
import type { Logger } from './services/log/logger';
import { defaultSettings, SettingsService, type SettingsValue } from './services/settings/settings-service';
import { JsonFile } from './services/storage/json-file';
import { NetStack, type SystemProxyPort } from './services/net';
import { Settings } from './ipc/contract/app';

/** Ports and facts a host hands to the core. */
export interface CoreOptions {
  readonly config: AppConfig;
  /** Per-user folder for settings, known hosts, audit log (never secrets). */
  readonly appDataDir: string;
  readonly log: Logger;
  readonly isTrustedSender: SenderPolicy;
  readonly runtime: 'electron' | 'browser-harness';
  readonly version: string;
  readonly osLocale: string;
  /** Opens an already-validated https URL in the OS browser. */
  readonly openExternal: (url: string) => Promise<void>;
  /** The OS/PAC proxy answer for a URL (Electron `session.resolveProxy`); absent → config/env proxy. */
  readonly systemProxy?: SystemProxyPort;
  /** Extra trusted CA certificates as PEM (tests: the stand-ins' CA); added to `config.network.caBundleFile`. */
  readonly extraCaPem?: string;
}

/** The running core: the router every transport binds to, and its teardown. */
export interface ConsoleCore {
  readonly router: IpcRouter;
  /** The one network stack (proxy + trust store) every outbound client uses. */
  readonly net: NetStack;
  dispose(): Promise<void>;
}

/** Builds every service and registers every handler of the contract. */
export function createConsoleCore(options: CoreOptions): ConsoleCore {
  const router = new IpcRouter({ isTrustedSender: options.isTrustedSender, log: options.log });
  const net = NetStack.create(
    { ...options.config.network, env: process.env, systemProxy: options.systemProxy, extraCaPem: options.extraCaPem },
    options.log,
  );
  const settings = new SettingsService(
    new JsonFile<SettingsValue>(path.join(options.appDataDir, 'settings.json'), Settings, () => defaultSettings(options.osLocale)),
  );
  const disposers: Array<() => void | Promise<void>> = [() => net.dispose()];
  disposers.push(
    registerAppHandlers(router, {
      info: {
        version: options.version,
        platform: process.platform,
        runtime: options.runtime,
        simulated: options.config.simulated,
        osLocale: options.osLocale,
      },
      settings,
      externalLinkHosts: options.config.externalLinkHosts,
      openExternal: options.openExternal,
    }),
  );
  return {
    router,
    net,
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose();
    },
  };
}
