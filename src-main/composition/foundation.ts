import path from 'node:path';
import type { CoreOptions } from '../core-options';
import { IpcRouter } from '../ipc/router';
import { Settings } from '../ipc/contract/app';
import { armHttpClient } from '../services/azure/arm-transport';
import { ClaimsChallengeRelay } from '../services/azure/claims-challenge-relay';
import type { DisposableStore } from '../services/events';
import { FileTargets } from '../services/files/file-targets';
import { KeychainProxyCredentials, NetStack } from '../services/net';
import { defaultPolicyInspection, defaultPolicyPath, EnforcedSettingsService, PolicyService } from '../services/policy';
import { createSecretStore } from '../services/secrets/create-secret-store';
import { defaultSettings, type SettingsValue } from '../services/settings/settings-service';
import { JsonFile } from '../services/storage/json-file';

/**
 * What every later stage stands on: `options` (the host's, with the enterprise policy applied to
 * `config`: policy wins), the router, the keychain, the one network stack, one origin-pinned client
 * for every Resource Manager call (`armHttp`, whose CAE claims challenges `armChallenges` relays to
 * kubectl's broker), settings, and `files` (the renderer never names a
 * file: main resolves `default`/`pick` to a path).
 */
export type Foundation = ReturnType<typeof buildFoundation>;

/** Policy first (it decides the configuration everything else is built from), then keychain, network and settings. */
export function buildFoundation(host: CoreOptions, store: DisposableStore) {
  const policy = new PolicyService({ sources: host.policySources ?? { filePath: defaultPolicyPath(), inspect: defaultPolicyInspection(defaultPolicyPath()) }, log: host.log.child('policy') });
  store.add(() => policy.dispose());
  const options: CoreOptions = { ...host, config: policy.applyTo(host.config) };
  const router = new IpcRouter({ isTrustedSender: options.isTrustedSender, log: options.log });
  const secrets = options.secretStore ?? createSecretStore(options.config.auth.keychainService, options.appDataDir, options.osEncryption);
  const proxyCredentials = new KeychainProxyCredentials(secrets); // NTLM/Basic proxy credentials live in the keychain (read at the first 407)
  const { systemProxy, extraCaPem, systemCertificates } = options;
  const net = NetStack.create({ ...options.config.network, env: process.env, systemProxy, extraCaPem, systemCertificates, proxyCredentials }, options.log);
  store.add(() => net.dispose());
  for (const warning of net.trust.warnings) options.log.warn('trust store', { warning });
  const armChallenges = new ClaimsChallengeRelay();
  const armHttp = armHttpClient(net, options.config.auth.armEndpoint, (inner) => armChallenges.wrap(inner));
  const settingsFile = new JsonFile<SettingsValue>(path.join(options.appDataDir, 'settings.json'), Settings, () => defaultSettings(options.osLocale));
  const settings = new EnforcedSettingsService(settingsFile, () => policy.view().enforcedSettings);
  const files = new FileTargets(options.fileDialogs ?? null, options.connectivity?.homeDir);
  return { options, policy, router, secrets, proxyCredentials, net, armHttp, armChallenges, settings, files };
}
