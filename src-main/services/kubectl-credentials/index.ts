/**
 * kubectl's credential provider: the token broker, the registry of contexts the console wrote, and
 * the same-user local channel the credential helper (`--kube-credential`) talks to.
 */
import os from 'node:os';
import path from 'node:path';
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';
import { JsonFile } from '../storage';
import { claimedCaller, procCallerLookup } from './caller-process';
import { channelLocation, type ChannelLocation } from './channel-location';
import { ContextRegistry, RegistryDocument } from './context-registry';
import { CredentialChannel } from './credential-channel';
import { TokenBroker, type ConsoleState, type TokenSource } from './token-broker';

export { ContextRegistry } from './context-registry';
export { TokenBroker, claimsFromChallenge, type TokenSource, type ConsoleState } from './token-broker';
export { CredentialChannel } from './credential-channel';
export { channelLocation, type ChannelLocation } from './channel-location';

/** Ports of the kubectl credential area. */
export interface KubectlCredentialsDeps {
  readonly appDataDir: string;
  readonly tokens: TokenSource;
  readonly state: ConsoleState;
  readonly audit: AuditRecorder;
  readonly log: Logger;
  readonly aksScope: string;
  /** A runtime folder other than this user's default (tests, demo). */
  readonly runtimeDir?: string;
  /** The registry the kubeconfig exporter already writes to (default: a new one over `appDataDir`). */
  readonly registry?: ContextRegistry;
}

/** The running area: registry and broker for the kubeconfig exporter and tests, and the channel's lifetime. */
export interface KubectlCredentials {
  readonly registry: ContextRegistry;
  readonly broker: TokenBroker;
  readonly location: ChannelLocation;
  /** Starts listening (once; later calls share the first); rejects, writing nothing, when the runtime folder is not ours alone. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** The contexts the console wrote, kept in the app data folder; built before the sessions that write them. */
export function createContextRegistry(appDataDir: string): ContextRegistry {
  return new ContextRegistry(new JsonFile(path.join(appDataDir, 'kubectl-contexts.json'), RegistryDocument, () => ({ version: 1 as const, contexts: [] })));
}

/** Builds the broker, registry and channel for this OS user. */
export function createKubectlCredentials(deps: KubectlCredentialsDeps): KubectlCredentials {
  const log = deps.log.child('kubectl-credentials');
  const uid = process.getuid?.() ?? null;
  const registry = deps.registry ?? createContextRegistry(deps.appDataDir);
  const broker = new TokenBroker({ tokens: deps.tokens, state: deps.state, registry, audit: deps.audit, log, aksScope: deps.aksScope });
  const location = channelLocation({ platform: process.platform, env: process.env, uid, username: os.userInfo().username, tmpdir: os.tmpdir(), override: deps.runtimeDir });
  const caller = process.platform === 'linux' && uid !== null ? procCallerLookup(uid) : claimedCaller;
  const channel = new CredentialChannel({ location, broker, uid, caller, log });
  let started: Promise<void> | undefined;
  return {
    registry,
    broker,
    location,
    start: () => (started ??= channel.start()),
    async dispose() {
      await started?.catch(() => undefined);
      await channel.stop();
    },
  };
}
