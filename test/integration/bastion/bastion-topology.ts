/** Shared setup of the Bastion integration tests: a topology slot, a stand-in routed into its hub, and a client. */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startBastionStandIn, type BastionStandIn } from '../../standins/bastion/bastion-standin';
import { clientForStandIn, STANDIN_ARM_TOKEN, type ClientForStandInOptions } from '../../standins/bastion/harness';
import { topologyRouter } from '../../standins/bastion/topology-router';
import { up, type Topology } from '../../topology/index';

/** A topology slot with a Bastion stand-in in its hub and a temp folder for files the test writes. */
export interface BastionWorld {
  readonly topology: Topology;
  readonly standIn: BastionStandIn;
  readonly dir: string;
  client(options?: ClientForStandInOptions): ReturnType<typeof clientForStandIn>;
  close(): Promise<void>;
}

/** Brings up (or reuses) the slot and starts a stand-in routed into it. */
export async function startBastionWorld(slot: number): Promise<BastionWorld> {
  const topology = await up({ slot });
  const standIn = await startBastionStandIn({ route: topologyRouter(topology), acceptToken: (t) => t === STANDIN_ARM_TOKEN });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-bastion-it-'));
  const clients: Array<ReturnType<typeof clientForStandIn>> = [];
  return {
    topology,
    standIn,
    dir,
    client(options) {
      const wired = clientForStandIn(standIn, options);
      clients.push(wired);
      return wired;
    },
    async close() {
      for (const c of clients) await c.dispose();
      await standIn.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Result of a child process. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program and never rejects (the exit code is part of the result). */
export function runProgram(file: string, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 255) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** OpenSSH arguments to reach the jump box through a local tunnel port, with its real host key pinned. */
export async function opensshArgs(world: BastionWorld, localPort: number): Promise<string[]> {
  const knownHosts = path.join(world.dir, `known_hosts_${localPort}`);
  await writeFile(knownHosts, world.topology.jumpBoxHostKeys.map((k) => `[127.0.0.1]:${localPort} ${k}`).join('\n') + '\n');
  return [
    '-p', String(localPort),
    '-i', world.topology.jumpBox.clientKeyPath,
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`,
    '-o', 'IdentitiesOnly=yes',
    '-o', 'LogLevel=ERROR',
    `${world.topology.jumpBox.user}@127.0.0.1`,
  ];
}

/** Writes a kubeconfig pointing kubectl at a local tunnel port with `tls-server-name` = the private FQDN. */
export async function writeKubeconfig(world: BastionWorld, localPort: number): Promise<string> {
  const file = path.join(world.dir, `kubeconfig-${localPort}`);
  const ca = Buffer.from(world.topology.apiServerCaPem).toString('base64');
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'aks-private', cluster: { server: `https://127.0.0.1:${localPort}`, 'tls-server-name': world.topology.apiServer.fqdn, 'certificate-authority-data': ca } }],
    users: [{ name: 'operator', user: { token: 'aksc-topology-test-token' } }],
    contexts: [{ name: 'aks-private', context: { cluster: 'aks-private', user: 'operator' } }],
    'current-context': 'aks-private',
  };
  await writeFile(file, stringify(kubeconfig), { mode: 0o600 });
  return file;
}

/** A running OpenSSH download from the jump box (`head -c N /dev/zero`) through a local tunnel port. */
export interface JumpBoxDownload {
  /** Bytes received so far. */
  received(): number;
  /** Resolves when ssh exits. */
  readonly done: Promise<{ code: number; bytes: number; stderr: string }>;
}

/** Starts streaming `bytes` from the jump box with OpenSSH through the tunnel, discarding the data. */
export async function downloadFromJumpBox(world: BastionWorld, localPort: number, bytes: number): Promise<JumpBoxDownload> {
  const args = await opensshArgs(world, localPort);
  const child = spawn('ssh', [...args, `head -c ${bytes} /dev/zero`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let received = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { received += chunk.length; });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const done = new Promise<{ code: number; bytes: number; stderr: string }>((resolve) => {
    child.on('close', (code) => resolve({ code: code ?? 255, bytes: received, stderr }));
  });
  return { received: () => received, done };
}
