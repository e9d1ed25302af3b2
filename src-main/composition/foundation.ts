import path from 'node:path';
import type { CoreOptions } from '../core';
import { IpcRouter } from '../ipc/router';
import { Settings } from '../ipc/contract/app';
import { armHttpClient } from '../services/azure/arm-transport';
import { ClaimsChallengeRelay } from '../services/azure/claims-challenge-relay';
import { FileTargets } from '../services/files/file-targets';
import { KeychainProxyCredentials, NetStack } from '../services/net';
import { defaultPolicyInspection, defaultPolicyPath, EnforcedSettingsService, PolicyService } from '../services/policy';
import { createSecretStore } from '../services/secrets/create-secret-store';
import type { SecretStore } from '../services/secrets/secret-store';
import { defaultSettings, type SettingsValue } from '../services/settings/settings-service';
import { JsonFile } from '../services/storage/json-file';
import type { HttpClient } from '@azure/core-rest-pipeline';
import type { DisposableStore } from './disposable-store';

/** What every later stage stands on: policy-applied options, the router, the keychain, the network and settings. */
export interface Foundation {
  /** The host's options with the enterprise policy applied to `config` (policy wins). */
  readonly options: CoreOptions;
  readonly policy: PolicyService;
  readonly router: IpcRouter;
  readonly secrets: SecretStore;
  readonly proxyCredentials: KeychainProxyCredentials;
  readonly net: NetStack;
  /** One origin-pinned client for every Resource Manager call (tenant directory, inventory, actions). */
  readonly armHttp: HttpClient;
  /** CAE claims challenges Resource Manager sent over `armHttp` (kubectl's broker listens). */
  readonly armChallenges: ClaimsChallengeRelay;
  readonly settings: EnforcedSettingsService;
  /** The renderer never names a file: main resolves `default`/`pick` to a path, for every reader and writer. */
  readonly files: FileTargets;
}

/** Policy first (it decides the configuration everything else is built from), then keychain, network and settings. */
export function buildFoundation(host: CoreOptions, store: DisposableStore): Foundation {
  const policy = new PolicyService({
    sources: host.policySources ?? { filePath: defaultPolicyPath(), inspect: defaultPolicyInspection(defaultPolicyPath()) },
    log: host.log.child('policy'),
  });
  store.add(() => policy.dispose());
  const options: CoreOptions = { ...host, config: policy.applyTo(host.config) };
  const router = new IpcRouter({ isTrustedSender: options.isTrustedSender, log: options.log });
  const secrets = options.secretStore ?? createSecretStore(options.config.auth.keychainService, options.appDataDir, options.osEncryption);
  // NTLM/Basic proxy credentials live in the keychain (read at the first 407).
  const proxyCredentials = new KeychainProxyCredentials(secrets);
  const { systemProxy, extraCaPem, systemCertificates } = options;
  const net = NetStack.create({ ...options.config.network, env: process.env, systemProxy, extraCaPem, systemCertificates, proxyCredentials }, options.log);
  store.add(() => net.dispose());
  for (const warning of net.trust.warnings) options.log.warn('trust store', { warning });
  const armChallenges = new ClaimsChallengeRelay();
  const armHttp = armHttpClient(net, options.config.auth.armEndpoint, (inner) => armChallenges.wrap(inner));
  const settings = new EnforcedSettingsService(
    new JsonFile<SettingsValue>(path.join(options.appDataDir, 'settings.json'), Settings, () => defaultSettings(options.osLocale)),
    () => policy.view().enforcedSettings,
  );
  const files = new FileTargets(options.fileDialogs ?? null, options.connectivity?.homeDir);
  return { options, policy, router, secrets, proxyCredentials, net, armHttp, armChallenges, settings, files };
}
