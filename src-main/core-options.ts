/** What a host hands to the composition root (`CoreOptions`) and what it gets back (`ConsoleCore`). */
import type { AppConfig } from './config/app-config';
import type { IpcRouter, SenderPolicy } from './ipc/router';
import type { WatchdogHostPorts } from './ipc/handlers/watchdog-handlers';
import type { Logger } from './services/log/logger';
import type { NetStack, SystemProxyPort } from './services/net';
import type { AuthService } from './services/auth/auth-service';
import type { OsEncryption } from './services/secrets/protected-file-store';
import type { SecretStore } from './services/secrets/secret-store';
import type { AuditService } from './services/audit';
import type { PolicyService, PolicySources } from './services/policy';
import type { LockService } from './services/lock';
import type { Connectivity, ConnectivityDeps } from './services/sessions/connectivity';
import type { AzureLayer } from './services/azure';
import type { ChecklistService } from './services/checklist';
import type { FileDialogs } from './services/files/file-dialogs';
import type { WindowWatchdog } from './services/watchdog/window-watchdog';
import type { KubectlCredentials } from './services/kubectl-credentials';
import type { HelperCommand } from './services/kubeconfig/helper-user-entry';
import type { SessionProcess, SessionProcessLauncher } from './services/ssh/session-process';

/** Ports and facts a host hands to the core. */
export interface CoreOptions extends WatchdogHostPorts {
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
  /** OS encryption (Electron safeStorage / DPAPI) for secrets where Windows refuses the keychain. */
  readonly osEncryption?: OsEncryption;
  /** The OS certificate store (production: `osCertificateStore`); none in tests. */
  readonly systemCertificates?: () => readonly string[];
  /** The OS keychain (default: keytar under `config.auth.keychainService`); tests pass their own. */
  readonly secretStore?: SecretStore;
  /** Opens the Entra ID authorize URL (default: `openExternal`); the e2e harness passes a test browser. */
  readonly openBrowser?: (url: string) => Promise<void>;
  /** Native handle of the main window, for the OS broker's prompt. */
  readonly windowHandle?: () => Buffer | undefined;
  /** Where the enterprise policy is read (default: the OS machine-wide location and, on Windows, the registry). */
  readonly policySources?: PolicySources;
  /** Idle time before the lock engages, overriding policy minutes (tests and demo only; read on every check). */
  readonly idleTimeoutMs?: number | (() => number);
  /** OS screen-lock / suspend events (Electron powerMonitor in the glue: `platform/power-events.ts`). */
  readonly osLockEvents?: (listener: (kind: 'lock-screen' | 'suspend') => void) => () => void;
  /** Native open/save dialogs (Electron: platform/file-dialogs.ts; tests and demo: a stand-in); absent: only the default files. */
  readonly fileDialogs?: FileDialogs;
  /** SSH/tunnel ports and timings (Bastion client, ArmService calls, agent socket, home folder); tests pass their own. */
  readonly connectivity?: Partial<Omit<ConnectivityDeps, 'appDataDir' | 'secrets' | 'log'>>;
  /**
   * kubectl's credential provider: how kubectl starts the helper, and (tests, demo) a runtime folder
   * other than the user's default. Absent: no channel, and kubeconfig contexts keep ARM's user entry.
   */
  readonly kubectl?: { readonly helper: HelperCommand; readonly runtimeDir?: string };
  /**
   * Starts the session process that runs every SSH client, socket and channel (Electron: utilityProcess,
   * `platform/utility-process.ts`; the harness and demo: a forked Node process). Absent: they run in main.
   */
  readonly sessionProcess?: SessionProcessLauncher;
}

/** The running core: the router every transport binds to, and its teardown. */
export interface ConsoleCore {
  readonly router: IpcRouter;
  /** The one network stack (proxy + trust store) every outbound client uses. */
  readonly net: NetStack;
  /**
   * The operator's identity and THE Azure SDK TokenCredential: pass `core.auth` to every
   * `@azure/arm-*` client and to the Bastion client (through their constructor options here).
   */
  readonly auth: AuthService;
  /** The audit log: pass `core.audit` (as `AuditRecorder`) to every service whose actions are audited. */
  readonly audit: AuditService;
  /** Enterprise policy in force: `core.policy.effective()` for values without a config field (clipboard, JIT before SSH). */
  readonly policy: PolicyService;
  /** The idle lock, over the sessions: policy may close sessions and tunnels when it engages. */
  readonly lock: LockService;
  /** The session process's link, when the host gave a launcher (its `pid` is the running process). */
  readonly sessionProcess: SessionProcess | undefined;
  /** SSH sessions, tunnels, host keys, and the checklist's JumpBoxProbe (`connectivity.jumpBoxProbe`). */
  readonly connectivity: Connectivity;
  /** ArmService (`azure.arm`: command invoke, JIT, kubeconfig, VM Run Command), inventory, paths and the checklist. */
  readonly azure: AzureLayer & { readonly checklist: ChecklistService };
  /** Notices a stuck window; the Electron glue feeds it `unresponsive` / `responsive`. */
  readonly watchdog: WindowWatchdog;
  /** kubectl's credential provider (broker, context registry, channel) when the host enabled it. */
  readonly kubectl: KubectlCredentials | undefined;
  /** Tears everything down in reverse order of creation; a failing step is logged and the rest still run. */
  dispose(): Promise<void>;
}
