import { registerApiHopHandlers } from '../ipc/handlers/api-hop-handlers';
import { registerAppHandlers } from '../ipc/handlers/app-handlers';
import { installAuditTap } from '../ipc/handlers/audit-tap';
import { registerAuditHandlers } from '../ipc/handlers/audit-handlers';
import { registerAuthHandlers } from '../ipc/handlers/auth-handlers';
import { registerAzureHandlers } from '../ipc/handlers/azure-handlers';
import { registerLockHandlers } from '../ipc/handlers/lock-handlers';
import { registerPimHandlers } from '../ipc/handlers/pim-handlers';
import { registerPimTerminalWatch } from '../ipc/handlers/pim-terminal-handlers';
import { registerPolicyHandlers } from '../ipc/handlers/policy-handlers';
import { registerProxyHandlers } from '../ipc/handlers/proxy-handlers';
import { registerReadinessHandlers } from '../ipc/handlers/readiness-handlers';
import { registerSshHandlers } from '../ipc/handlers/ssh-handlers';
import { registerWatchdog } from '../ipc/handlers/watchdog-handlers';
import { signInHostsFor } from '../security/external-links';
import type { ChecklistService } from '../services/checklist/checklist-service';
import type { DisposableStore } from '../services/events';
import { auditForwardingOf } from '../services/policy';
import { effectiveProxy } from '../services/net/effective-proxy';
import { FallbackSecretStore } from '../services/secrets/fallback-secret-store';
import { readinessEndpoints, ReadinessService } from '../services/readiness';
import type { WindowWatchdog } from '../services/watchdog/window-watchdog';
import type { AzureStage } from './azure';
import type { ConnectivityStage } from './connectivity';
import type { Foundation } from './foundation';
import type { Identity } from './identity';

/** Everything the stages built, as the handlers of the contract see it. */
export type Built = Foundation & Identity & ConnectivityStage & { readonly azure: AzureStage; readonly checklist: ChecklistService };

/** Registers a handler for every invoke of the contract; the audit tap goes last so it sees every answer. */
export function registerIpc(built: Built, store: DisposableStore): WindowWatchdog {
  const { options, router, policy, settings, net, secrets, auth, audit, lock, azure, connectivity } = built;
  const { version, runtime, osLocale, config } = options;
  const info = { version, platform: process.platform, runtime, simulated: config.simulated, simulatedGaps: config.simulatedGaps, osLocale };
  const language = async () => (await settings.get()).language;
  store.add(
    registerPolicyHandlers(router, { policy }),
    registerAppHandlers(router, { info, settings, externalLinkHosts: config.externalLinkHosts, signInHosts: signInHostsFor(config.auth.authorityHost), openExternal: options.openExternal }),
    registerAuditHandlers(router, { audit }),
    registerAuthHandlers(router, { auth }),
    registerLockHandlers(router, { lock }),
    registerAzureHandlers(router, { azure: azure.azure, checklist: built.checklist, files: built.files }),
    registerPimHandlers(router, { pim: azure.pim, groups: azure.groups }),
    registerSshHandlers(router, connectivity),
    registerPimTerminalWatch(router, { manager: connectivity.manager, kubectlTerminals: connectivity.kubectlTerminals }),
  );
  registerApiHopHandlers(router, built.apiHop);
  const watchdog = registerWatchdog(router, { manager: connectivity.manager, audit, log: options.log.child('watchdog'), language }, options);
  store.add(watchdog.dispose);
  const keychainKind = () => (secrets instanceof FallbackSecretStore ? secrets.kind() : 'os-keychain');
  const endpoints = () => readinessEndpoints(config, auditForwardingOf(policy)?.endpoint ?? null);
  registerReadinessHandlers(router, { readiness: new ReadinessService({ endpoints, net, keychain: secrets, keychainKind, log: options.log.child('readiness') }) });
  const policyNetwork = () => {
    const load = policy.current();
    return load.source === 'file' || load.source === 'registry' ? load.document.network : undefined;
  };
  const effective = () =>
    effectiveProxy({ network: config.network, policy: policyNetwork(), env: process.env, hasSystemProxy: options.systemProxy !== undefined, auth: net.proxyAuth.policy }, new URL(config.auth.armEndpoint), (u) => net.route(u));
  registerProxyHandlers(router, { credentials: built.proxyCredentials, policy: () => net.proxyAuth.policy, changed: (proxy) => net.proxyAuth.remember(proxy, undefined), effective });
  store.add(installAuditTap(router, audit));
  return watchdog.watchdog;
}
