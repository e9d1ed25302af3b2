/**
 * The whole connectivity stack against real parts: a topology slot (namespaces, OpenSSH jump box,
 * private DNS, API server), the ARM stand-in (VM Run Command returns the jump box's real host keys;
 * listClusterUserCredential returns a kubeconfig for the topology's API server), the Bastion stand-in
 * routed into the hub, the real BastionTunnelClient and ArmService, and our connectivity services.
 */
import { execFile } from 'node:child_process';
import type { AuditRecorder } from '../../../src-main/services/audit/audit-record';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import { FileTargets } from '../../../src-main/services/files/file-targets';
import type { StandInFileDialogs } from '../../support/file-dialogs';
import type { HostKeyPromptEvent } from '../../../src-main/services/ssh/host-key-prompts';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import type { ArmStandIn } from '../../standins/arm';
import type { BastionStandIn } from '../../standins/bastion/bastion-standin';
import { startTopologyCloud } from '../../support/topology-cloud';
import { armServiceFor } from '../../standins/arm/client';
import type { Topology } from '../../topology/index';
import { MemoryLogger } from '../../support/memory-logger';
import { testSessionProcess } from '../../support/session-process';
import { sessionProcessClients } from '../../../src-main/services/ssh/session-process';

/** Everything a connectivity test needs. */
export interface ConnectivityWorld {
  readonly topology: Topology;
  readonly arm: ArmStandIn;
  readonly bastion: BastionStandIn;
  readonly connectivity: Connectivity;
  readonly log: MemoryLogger;
  readonly dir: string;
  /** The "operator" answering main's file dialogs (files are picked, never named by a caller). */
  readonly dialogs: StandInFileDialogs;
  readonly ids: { readonly clusterId: string; readonly jumpBoxId: string; readonly bastionId: string };
  /** Host-key questions surfaced so far. */
  readonly asked: HostKeyPromptEvent[];
  /** The jump box reached over the "VPN" (direct TCP), signed in with the topology's client key. */
  directTarget(): Promise<SshTargetValue>;
  /** The jump box reached through the Bastion stand-in. */
  bastionTarget(): Promise<SshTargetValue>;
  close(): Promise<void>;
}

/** Starts (or reuses) a topology slot and the stand-ins, and builds the connectivity services. */
export async function startConnectivityWorld(slot: number, options: { profile?: 'standard' | 'hardened'; audit?: AuditRecorder } = {}): Promise<ConnectivityWorld> {
  const cloud = await startTopologyCloud({ scenario: 'private-hub-spoke-bastion', topology: { slot, ...(options.profile ? { profile: options.profile } : {}) } });
  const { arm, dialogs, homeDir: dir } = cloud;
  const topology = cloud.topology!;
  const bastion = cloud.bastion!;
  const meta = arm.world.meta;
  const ids = { clusterId: meta.clusterId, jumpBoxId: meta.jumpBoxId!, bastionId: meta.bastionId! };
  const log = new MemoryLogger();
  // As in the app: the SSH clients run in the session process (the files under test/integration/ssh
  // that need no topology run both ways, see vitest.config.ts).
  const sessionProcess = testSessionProcess(log);
  const connectivity = createConnectivity({
    clientHost: sessionProcessClients(sessionProcess),
    appDataDir: dir,
    homeDir: dir,
    files: new FileTargets(dialogs, dir),
    secrets: cloud.secrets,
    log,
    bastion: cloud.bastionClient!,
    azure: armServiceFor(arm, log),
    sshTimings: { handshakeTimeoutMs: 15_000, keepaliveIntervalMs: 2_000, keepaliveCountMax: 3 },
    tunnelTimings: { reconnectBaseMs: 200, reconnectMaxMs: 1_000, healthIntervalMs: 60_000, acceptWaitMs: 10_000 },
    hostKeyPromptTimeoutMs: 5_000,
    audit: options.audit,
  });
  const asked: HostKeyPromptEvent[] = [];
  connectivity.prompts.onDidPrompt((p) => asked.push(p));
  let keyId: string | undefined;
  const key = async () => (keyId ??= (await connectivity.keys.import('topology client', topology.clientPrivateKey)).keyId);
  return {
    topology,
    arm,
    bastion,
    connectivity,
    log,
    dir,
    dialogs,
    ids,
    asked,
    async directTarget() {
      return { route: { kind: 'direct', host: topology.jumpBox.ip, port: topology.jumpBox.port }, username: topology.jumpBox.user, auth: { method: 'key', keyId: await key() }, vmResourceId: ids.jumpBoxId };
    },
    async bastionTarget() {
      return { route: { kind: 'bastion', bastionId: ids.bastionId, targetResourceId: ids.jumpBoxId, port: 22 }, username: topology.jumpBox.user, auth: { method: 'key', keyId: await key() } };
    },
    async close() {
      await connectivity.dispose();
      sessionProcess.dispose();
      await cloud.close();
    },
  };
}

/** Runs a program and never rejects. */
export function runProgram(file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 30_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 255) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Polls until `predicate` is true. */
export async function until(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
