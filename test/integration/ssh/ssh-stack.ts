/** Builds the real SSH client stack (store, prompts, verifier, key vault, connector) for integration tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '../../../src-main/services/audit/audit-record';
import type { SecretStore } from '../../../src-main/services/secrets/secret-store';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { HostKeyPrompts, type HostKeyAnswer, type HostKeyPromptEvent } from '../../../src-main/services/ssh/host-key-prompts';
import { HostKeyVerifier } from '../../../src-main/services/ssh/host-key-verifier';
import { KnownHostsStore } from '../../../src-main/services/ssh/known-hosts-store';
import type { BastionTunnels } from '../../../src-main/services/ssh/ports';
import { SshConnector, type SshTargetValue, type SshTimings } from '../../../src-main/services/ssh/ssh-connector';
import { SshKeyVault } from '../../../src-main/services/ssh/ssh-key-vault';
import { openSshHostToken } from '../../../src-main/services/ssh/host-id';
import { afterAll, beforeAll } from 'vitest';
import { startSshd, type SshdOptions, type TestSshd } from '../../support/sshd';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { sshClientsInSessionProcess, testSessionProcess } from '../../support/session-process';
import { sessionProcessClients, type SessionProcess } from '../../../src-main/services/ssh/session-process';

/** A full client stack in a temp app-data folder. */
export interface SshStack {
  readonly dir: string;
  readonly log: MemoryLogger;
  readonly secrets: SecretStore;
  readonly store: KnownHostsStore;
  readonly prompts: HostKeyPrompts;
  readonly verifier: HostKeyVerifier;
  readonly vault: SshKeyVault;
  readonly connector: SshConnector;
  /** Every audit event recorded so far (host-key decisions). */
  readonly audited: AuditEvent[];
  /** Every prompt surfaced so far. */
  readonly asked: HostKeyPromptEvent[];
  /** The session process the clients run in, when they do (`StackOptions.sessionProcess`). */
  readonly sessionProcess: SessionProcess | undefined;
  /** Answers every future prompt with `answer` (undefined: leave it pending). */
  autoAnswer(answer: HostKeyAnswer | undefined): void;
  /** Trusts the sshd's current host key for its loopback address. */
  trust(sshd: TestSshd): Promise<void>;
  /** Trusts the sshd and imports its client key: a direct target that signs in with that key. */
  keyTarget(sshd: TestSshd): Promise<SshTargetValue>;
  close(): Promise<void>;
}

/** Options of a test stack. */
export interface StackOptions {
  readonly secrets?: SecretStore;
  readonly bastion?: BastionTunnels;
  readonly timings?: SshTimings;
  readonly promptTimeoutMs?: number;
  readonly agentSocket?: string;
  /** Run the SSH clients in a session process (default: when AKS_TEST_SSH_CLIENTS=session-process). */
  readonly sessionProcess?: boolean;
}

/** Creates a stack; close() removes its folder. */
export async function createSshStack(options: StackOptions = {}): Promise<SshStack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aks-ssh-stack-'));
  const log = new MemoryLogger();
  const secrets = options.secrets ?? new MemorySecretStore();
  const store = new KnownHostsStore(dir);
  const prompts = new HostKeyPrompts(options.promptTimeoutMs ?? 30_000);
  const audited: AuditEvent[] = [];
  const verifier = new HostKeyVerifier(store, prompts, log, { record: async (event) => audited.push(event) });
  const vault = new SshKeyVault(secrets, dir);
  const sessionProcess = options.sessionProcess ?? sshClientsInSessionProcess() ? testSessionProcess(log) : undefined;
  const connector = new SshConnector({
    ...(sessionProcess ? { clientHost: sessionProcessClients(sessionProcess) } : {}),
    verifier,
    knownHosts: store,
    keys: vault,
    bastion: options.bastion,
    agentSocket: options.agentSocket,
    timings: options.timings ?? { handshakeTimeoutMs: 10_000, keepaliveIntervalMs: 2_000, keepaliveCountMax: 3 },
    log,
  });
  const asked: HostKeyPromptEvent[] = [];
  let answer: HostKeyAnswer | undefined;
  prompts.onDidPrompt((prompt) => {
    asked.push(prompt);
    if (answer) setTimeout(() => prompts.answer(prompt.decisionId, answer!), 5);
  });
  const trust = async (sshd: TestSshd): Promise<void> => {
    const key = parsePublicKeyLine(sshd.hostPublicKey)!;
    await store.add(openSshHostToken(sshd.host, sshd.port), key.keyType, key.blob, 'operator');
  };
  return {
    dir,
    log,
    secrets,
    store,
    prompts,
    verifier,
    vault,
    connector,
    audited,
    asked,
    sessionProcess,
    autoAnswer(next) {
      answer = next;
    },
    trust,
    async keyTarget(sshd) {
      await trust(sshd);
      const { keyId } = await vault.import('k', sshd.clientKey);
      return { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } };
    },
    async close() {
      sessionProcess?.dispose();
      prompts.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A real sshd, a client stack that trusts it and a key target for it, as one file's fixture. */
export interface SshdWithStack {
  readonly sshd: TestSshd;
  readonly stack: SshStack;
  readonly target: SshTargetValue;
}

/** Registers the file's hooks: starts the sshd and the stack before its tests, closes both after them (its own later `afterAll`s run first). */
export function useSshdWithStack(options: SshdOptions = {}): SshdWithStack {
  const world = {} as { sshd: TestSshd; stack: SshStack; target: SshTargetValue };
  beforeAll(async () => {
    world.sshd = await startSshd(options);
    world.stack = await createSshStack();
    world.target = await world.stack.keyTarget(world.sshd);
  });
  afterAll(async () => {
    await world.stack?.close();
    await world.sshd?.close();
  });
  return world;
}
