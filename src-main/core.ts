/**
 * The composition root shared by every host: the Electron main process, the end-to-end harness and
 * demo mode all build the same services and the same router here; only the ports differ.
 */
import { hostname } from 'node:os';
import path from 'node:path';
import type { AppConfig } from './config/app-config';
import { IpcRouter, type SenderPolicy } from './ipc/router';
import { registerAppHandlers } from './ipc/handlers/app-handlers';
import type { Logger } from './services/log/logger';
import { defaultSettings, type SettingsValue } from './services/settings/settings-service';
import { JsonFile } from './services/storage/json-file';
import { KeychainProxyCredentials, NetStack, type SystemProxyPort } from './services/net';
import { Settings } from './ipc/contract/app';
import { registerAuthHandlers } from './ipc/handlers/auth-handlers';
import type { AuthService } from './services/auth/auth-service';
import { createAuthService } from './services/auth/create-auth-service';
import { WrongAccountError } from './services/auth/auth-errors';
import { createSecretStore } from './services/secrets/create-secret-store';
import { FallbackSecretStore } from './services/secrets/fallback-secret-store';
import type { OsEncryption } from './services/secrets/protected-file-store';
import type { SecretStore } from './services/secrets/secret-store';
import { AuditService, AuthAuditBridge } from './services/audit';
import { registerAuditHandlers } from './ipc/handlers/audit-handlers';
import { AuditForwarder } from './services/audit';
import { defaultPolicyInspection, defaultPolicyPath, EnforcedSettingsService, PolicyService, type PolicySources } from './services/policy';
import { registerPolicyHandlers } from './ipc/handlers/policy-handlers';
import { LockService } from './services/lock';
import { registerLockHandlers } from './ipc/handlers/lock-handlers';
import { installAuditTap } from './ipc/handlers/audit-tap';
import { createConnectivity, type Connectivity, type ConnectivityDeps } from './services/sessions/connectivity';
import { armBastionHostReader, bastionNetFromStack, BastionTunnelClient } from './services/bastion';
import { createAzureLayer, type AzureLayer } from './services/azure/azure-layer';
import { createChecklistService } from './services/checklist';
import { registerAzureHandlers } from './ipc/handlers/azure-handlers';
import { registerPimHandlers } from './ipc/handlers/pim-handlers';
import { createGroupPimService, createPimService, FreshTokensAfterChange } from './services/pim';
import { createAzureHttpClient } from './services/net/azure-http-client';
import { armHttpClient } from './services/azure/arm-transport';
import { registerSshHandlers } from './ipc/handlers/ssh-handlers';
import { registerApiHopHandlers } from './ipc/handlers/api-hop-handlers';
import { ApiHopProbe } from './services/api-hop';
import type { FileDialogs } from './services/files/file-dialogs';
import { FileTargets } from './services/files/file-targets';
import { registerReadinessHandlers } from './ipc/handlers/readiness-handlers';
import { registerProxyHandlers } from './ipc/handlers/proxy-handlers';
import { ReadinessService, type ReadinessEndpoint } from './services/readiness';
import { ArmJitGrants, armVmAddresses, JitGuard } from './services/jit';
import { registerSshReattach } from './ipc/handlers/ssh-reattach';
import { registerWatchdog, type WatchdogHostPorts } from './ipc/handlers/watchdog-handlers';
import type { WindowWatchdog } from './services/watchdog/window-watchdog';
import { signInHostsFor } from './security/external-links';
import { createKubectlCredentials, type KubectlCredentials } from './services/kubectl-credentials';
import type { HelperCommand } from './services/kubeconfig/helper-user-entry';
import { clusterAccessOf } from './services/kubeconfig/cluster-access';

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
  /** The idle lock; `lock.attachSessions(manager)` lets policy close sessions and tunnels on lock. */
  readonly lock: LockService;
  /** SSH sessions, tunnels, host keys, and the checklist's JumpBoxProbe (`connectivity.jumpBoxProbe`). */
  readonly connectivity: Connectivity;
  /** ArmService (`azure.arm`: command invoke, JIT, kubeconfig, VM Run Command), inventory and paths (the checklist is built on top of it). */
  readonly azure: AzureLayer;
  /** Notices a stuck window; the Electron glue feeds it `unresponsive` / `responsive`. */
  readonly watchdog: WindowWatchdog;
  /** kubectl's credential provider (broker, context registry, channel) when the host enabled it. */
  readonly kubectl: KubectlCredentials | undefined;
  dispose(): Promise<void>;
}

/** Builds every service and registers every handler of the contract. */
export function createConsoleCore(hostOptions: CoreOptions): ConsoleCore {
  // Policy first: it decides the configuration every other service is built from (policy wins).
  const policy = new PolicyService({
    sources: hostOptions.policySources ?? { filePath: defaultPolicyPath(), inspect: defaultPolicyInspection(defaultPolicyPath()) },
    log: hostOptions.log.child('policy'),
  });
  const options: CoreOptions = { ...hostOptions, config: policy.applyTo(hostOptions.config) };
  const router = new IpcRouter({ isTrustedSender: options.isTrustedSender, log: options.log });
  const net = NetStack.create(
    {
      ...options.config.network,
      env: process.env,
      systemProxy: options.systemProxy,
      extraCaPem: options.extraCaPem,
      systemCertificates: options.systemCertificates,
      // NTLM/Basic proxy credentials live in the keychain (the store is built below; read at first 407).
      proxyCredentials: { get: (proxy) => new KeychainProxyCredentials(secretStore).get(proxy) },
    },
    options.log,
  );
  for (const warning of net.trust.warnings) options.log.warn('trust store', { warning });
  const settings = new EnforcedSettingsService(
    new JsonFile<SettingsValue>(path.join(options.appDataDir, 'settings.json'), Settings, () => defaultSettings(options.osLocale)),
    () => policy.view().enforcedSettings,
  );
  const disposers: Array<() => void | Promise<void>> = [() => net.dispose(), () => policy.dispose()];
  disposers.push(registerPolicyHandlers(router, { policy }));
  disposers.push(
    registerAppHandlers(router, {
      info: {
        version: options.version,
        platform: process.platform,
        runtime: options.runtime,
        simulated: options.config.simulated,
        simulatedGaps: options.config.simulatedGaps,
        osLocale: options.osLocale,
      },
      settings,
      externalLinkHosts: options.config.externalLinkHosts,
      signInHosts: signInHostsFor(options.config.auth.authorityHost),
      openExternal: options.openExternal,
    }),
  );
  const secretStore = options.secretStore ?? createSecretStore(options.config.auth.keychainService, options.appDataDir, options.osEncryption);
  const audit = new AuditService({
    filePath: path.join(options.appDataDir, 'audit', 'audit-log.jsonl'),
    secrets: secretStore,
    log: options.log.child('audit'),
    actor: (): string | null => authBridge.actor(),
    forwarder: forwarderFor(policy, options, net, { getToken: (scopes, o) => auth.getToken(scopes, o) }),
  });
  const authBridge = new AuthAuditBridge(audit);
  disposers.push(() => audit.dispose(), registerAuditHandlers(router, { audit }));
  void audit.record({ type: 'app.start', outcome: 'info', details: { version: options.version, runtime: options.runtime, policy: policy.view().source } });
  policy.watch(audit);
  // One origin-pinned client for every Resource Manager call (tenant directory, inventory, actions).
  const armHttp = armHttpClient(net, options.config.auth.armEndpoint);
  const auth = createAuthService({
    config: options.config.auth,
    appDataDir: options.appDataDir,
    log: options.log,
    secretStore,
    http: net,
    armClientOptions: { httpClient: armHttp },
    openBrowser: options.openBrowser ?? options.openExternal,
    windowHandle: options.windowHandle,
    language: async () => (await settings.get()).language,
  });
  disposers.push(() => auth.dispose(), registerAuthHandlers(router, { auth }));
  disposers.push(auth.onDidChangeState((status) => authBridge.observe(status)));
  const lock = lockFor(policy, options, auth, audit);
  disposers.push(() => lock.dispose(), registerLockHandlers(router, { lock }));
  if (options.osLockEvents) disposers.push(options.osLockEvents((kind) => void lock.osEvent(kind)));
  // The checklist's jump-box probe comes from connectivity, which is built after the Azure layer.
  const late: { connectivity?: Connectivity } = {};
  const azure = createAzureLayer({
    credential: auth,
    endpoint: options.config.auth.armEndpoint,
    scope: options.config.auth.armScope,
    config: options.config.azure,
    httpClient: armHttp,
    fetchText: async (url, signal) => (await net.request(url, { signal })).body.toString('utf8'),
    cluster: { scope: auth.aksScope, operator: async () => (await auth.status()).account?.username ?? null },
    log: options.log,
  });
  // The renderer never names a file: main resolves `default`/`pick` to a path, for every reader and writer.
  const files = new FileTargets(options.fileDialogs ?? null, options.connectivity?.homeDir);
  const checklist = createChecklistService({ azure, config: options.config.azure, probe: () => late.connectivity?.jumpBoxProbe ?? null, log: options.log });
  disposers.push(registerAzureHandlers(router, { ...azure, checklist, files }));
  disposers.push(auth.onDidChangeState((status) => azure.setTenant(status.state === 'signed-out' ? null : (status.tenantId ?? null))));
  void auth.status().then((status) => azure.setTenant(status.tenantId ?? null), () => undefined);
  // PIM (issue 17): the operator's own eligible roles, activated through the same credential and ARM transport.
  const pim = createPimService({ credential: auth, tenant: () => azure.tenant(), endpoint: options.config.auth.armEndpoint, scope: options.config.auth.armScope, httpClient: armHttp, retry: options.config.azure.retry, pollIntervalMs: options.config.azure.pollIntervalMs, audit, log: options.log });
  // PIM for groups: group claims live in the token, so a membership change makes the next AKS token fresh.
  const freshTokens = new FreshTokensAfterChange(auth, auth.aksScope);
  const groups = createGroupPimService({ credential: auth, tenant: () => azure.tenant(), graphEndpoint: options.config.auth.graphEndpoint, graphScope: options.config.auth.graphScope, armScope: options.config.auth.armScope, httpClient: createAzureHttpClient(net), audit, membershipChanged: () => freshTokens.renew() });
  disposers.push(registerPimHandlers(router, { pim, groups }));
  const bastion = new BastionTunnelClient({
    // Bastions are found in the selected tenant's subscriptions; its token (cached per tenant) is the one they get.
    hosts: armBastionHostReader(azure.arm, () => azure.tenant() ?? undefined),
    credential: auth,
    net: bastionNetFromStack(net),
    config: options.config.bastion,
    log: options.log.child('bastion'),
  });
  // Registered before connectivity so it runs after it on teardown: every Bastion session is DELETEd on quit.
  disposers.push(() => bastion.dispose());
  const kubectl = kubectlFor(options, auth, lock, audit, freshTokens);
  const connectivity = createConnectivity({
    agentSocket: process.env.SSH_AUTH_SOCK,
    azure: azure.arm,
    bastion,
    audit,
    access: jitGuardFor(policy, azure, auth, options),
    ...(kubectl && options.kubectl
      ? {
          kubectlExec: {
            access: { clusterAccess: async (clusterId: string) => clusterAccessOf(await azure.arm.getCluster(clusterId), azure.tenant()) },
            helper: { ...options.kubectl.helper, ...(options.kubectl.runtimeDir ? { runtimeDir: options.kubectl.runtimeDir } : {}) },
            provider: () => policy.effective().kubectlCredentialProvider,
            registry: kubectl.registry,
          },
        }
      : {}),
    ...options.connectivity,
    files,
    appDataDir: options.appDataDir,
    secrets: secretStore,
    log: options.log,
  });
  late.connectivity = connectivity;
  // The API server hop: TLS, "authenticated as" and the can-i matrix; CAE challenges go to the broker, so kubectl's next token is fresh too.
  registerApiHopHandlers(
    router,
    new ApiHopProbe({
      credentials: azure.arm,
      access: { clusterAccess: async (clusterId: string) => clusterAccessOf(await azure.arm.getCluster(clusterId), azure.tenant()) },
      tunnels: { localPortOf: (name) => connectivity.manager.tunnel(name).snapshot().localPort },
      tokens: auth,
      aksScope: auth.aksScope,
      ...(kubectl ? { challenges: kubectl.broker } : {}),
    }),
  );
  disposers.push(() => connectivity.dispose(), registerSshHandlers(router, connectivity), registerSshReattach(router, connectivity.manager));
  const watchdog = registerWatchdog(
    router,
    { manager: connectivity.manager, audit, log: options.log.child('watchdog'), language: async () => (await settings.get()).language },
    options,
  );
  disposers.push(watchdog.dispose);
  if (kubectl) {
    disposers.push(() => kubectl.dispose());
    void kubectl.start().catch((error: unknown) => options.log.warn('the kubectl credential channel did not start', { error }));
  }
  lock.attachSessions(connectivity.manager);
  registerReadinessHandlers(router, {
    readiness: new ReadinessService({
      endpoints: () => readinessEndpoints(options, policy),
      net,
      keychain: secretStore,
      keychainKind: () => (secretStore instanceof FallbackSecretStore ? secretStore.kind() : 'os-keychain'),
      log: options.log.child('readiness'),
    }),
  });
  registerProxyHandlers(router, {
    credentials: new KeychainProxyCredentials(secretStore),
    policy: () => net.proxyAuth.policy,
    changed: (proxy) => net.proxyAuth.remember(proxy, undefined),
  });
  disposers.push(closeSessionsOnSignOut(auth, connectivity));
  // Last, so it sees every handler's answer: records operator actions from the IPC traffic.
  disposers.push(installAuditTap(router, audit));
  return {
    router,
    net,
    auth,
    audit,
    policy,
    lock,
    connectivity,
    azure,
    watchdog: watchdog.watchdog,
    kubectl,
    async dispose() {
      for (const dispose of disposers.reverse()) await dispose();
    },
  };
}

/** Audit forwarding settings from an enterprise policy document (file or registry), if it has any. */
function policyForwarding(policy: PolicyService) {
  const load = policy.current();
  return load.source === 'file' || load.source === 'registry' ? load.document.audit?.forwarding : undefined;
}

/** The Logs Ingestion forwarder when policy configures one. */
function forwarderFor(policy: PolicyService, options: CoreOptions, net: NetStack, credential: ConstructorParameters<typeof AuditForwarder>[1]['credential']): AuditForwarder | null {
  const forwarding = policyForwarding(policy);
  if (!forwarding) return null;
  return new AuditForwarder(forwarding, {
    net,
    credential,
    cursorFile: path.join(options.appDataDir, 'audit', 'forward-cursor.json'),
    device: hostname(),
    log: options.log.child('audit-forwarding'),
  });
}

/** The idle lock, reading policy (or the host's override) on every check and unlocking through a fresh sign-in by the same account. */
function lockFor(policy: PolicyService, options: CoreOptions, auth: AuthService, audit: AuditService): LockService {
  return new LockService({
    policy: () => {
      const p = policy.effective();
      const override = typeof options.idleTimeoutMs === 'function' ? options.idleTimeoutMs() : options.idleTimeoutMs;
      return { idleTimeoutMs: override ?? p.idleTimeoutMinutes * 60_000, sessionsOnLock: p.sessionsOnLock, lockOnOsLock: p.lockOnOsLock, unlockWithoutAccount: p.unlockWithoutAccount };
    },
    auth: {
      // Whatever the token state (signed in, or a renewal that needs a person): the account is who may unlock.
      currentAccount: async () => (await auth.status()).account ?? null,
      // Another account's sign-in is refused by auth (its tokens dropped); the lock still needs its name to audit the refusal.
      reauthenticate: () => auth.reauthenticate().catch((error: unknown) => {
        if (error instanceof WrongAccountError) return error.account;
        throw error;
      }),
    },
    sessions: null,
    audit,
    log: options.log.child('lock'),
  });
}

/** JIT before SSH, as policy (or the safe fallback policy) says: the console's own grants first, then ARM's. */
function jitGuardFor(policy: PolicyService, azure: AzureLayer, auth: AuthService, options: CoreOptions): JitGuard {
  return new JitGuard({
    required: () => policy.effective().requireJitBeforeSsh,
    sources: [azure.jitGrants, new ArmJitGrants(azure.arm, async () => (await auth.status()).account?.username ?? null)],
    vmAddresses: armVmAddresses(azure.arm),
    log: options.log.child('jit'),
  });
}

/** kubectl's credential provider when the host asked for it: tokens from `auth`, refused while `lock` is engaged. */
function kubectlFor(options: CoreOptions, auth: AuthService, lock: LockService, audit: AuditService, tokens: FreshTokensAfterChange): KubectlCredentials | undefined {
  if (!options.kubectl) return undefined;
  return createKubectlCredentials({
    appDataDir: options.appDataDir,
    tokens,
    state: { isLocked: () => lock.isLocked(), identity: async () => (await auth.status()).state },
    audit,
    log: options.log,
    aksScope: auth.aksScope,
    runtimeDir: options.kubectl.runtimeDir,
  });
}

/** Sign-out ends every session and tunnel; a console that was never signed in (VPN-only use) is left alone. */
function closeSessionsOnSignOut(auth: AuthService, connectivity: Connectivity): () => void {
  let wasSignedIn = false;
  return auth.onDidChangeState((status) => {
    if (status.state === 'signed-out' && wasSignedIn) void connectivity.manager.closeAll();
    wasSignedIn = status.state === 'signed-in';
  });
}

/** The endpoints this configuration talks to (Entra ID, ARM, and the optional egress echo and Logs Ingestion). */
function readinessEndpoints(options: CoreOptions, policy: PolicyService): ReadinessEndpoint[] {
  const { auth, azure } = options.config;
  const forwarding = policyForwarding(policy);
  return [
    { id: 'entra', url: `${auth.authorityHost}/${auth.signInTenant}/v2.0/.well-known/openid-configuration`, expect: [200] },
    // Without a token ARM answers 401: that proves the proxy lets it through and TLS is trusted.
    { id: 'arm', url: `${auth.armEndpoint}/subscriptions?api-version=2022-12-01`, expect: [200, 401] },
    { id: 'egress-ip', url: azure.egressIp.method === 'url' ? azure.egressIp.url : null, expect: [200] },
    // A data collection endpoint's root has no resource: any client error still proves the route.
    { id: 'audit-forwarding', url: forwarding?.endpoint ?? null, expect: [200, 400, 401, 403, 404, 405] },
  ];
}
