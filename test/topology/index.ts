/**
 * The hub/spoke test topology for tests and benches: `await up()` builds (or reuses) a slot with
 * network namespaces, a real OpenSSH jump box, a private DNS view and a Kubernetes-shaped API server
 * reachable only from the hub. Needs root. Slots isolate tests that break things (peering, sshd).
 */
import { execFile } from 'node:child_process';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ApiRequest } from '../standins/apiserver';
import type { SpokeAccessFile } from './api-server';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));

/** What up.sh reports (state.json of a slot). */
export interface TopologyState {
  readonly slot: number;
  /** 'hardened': the jump box runs with test/support/sshd-hardened.conf. */
  readonly profile: 'standard' | 'hardened';
  readonly dir: string;
  readonly namespaces: { readonly hub: string; readonly spoke: string };
  readonly paw: { readonly ip: string; readonly interface: string };
  readonly jumpBox: {
    readonly ip: string;
    readonly port: number;
    readonly user: string;
    readonly clientKeyPath: string;
    readonly authorizedKeysPath: string;
    readonly hostKeyPublicPaths: readonly string[];
    readonly sshdConfigPath: string;
    readonly sshdPidPath: string;
    readonly sshdLogPath: string;
  };
  readonly apiServer: { readonly ip: string; readonly port: number; readonly fqdn: string; readonly caCertPath: string; readonly requestLogPath: string; readonly accessConfigPath: string };
  readonly peering: { readonly hubIp: string; readonly spokeIp: string };
  /** The hub's modelled AzureBastionSubnet and the address in it the Bastion relay connects from. */
  readonly bastion: { readonly subnetPrefix: string; readonly ip: string };
  readonly hubRelaySocket: string;
}

/** Output of a command run inside a namespace. */
export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running topology slot with helpers to act on it. */
export interface Topology extends TopologyState {
  /** Host public key lines of the jump box (`ssh-ed25519 AAAA… comment`, ecdsa, rsa). */
  readonly jumpBoxHostKeys: readonly string[];
  /** The jump box client's private key (OpenSSH format, no passphrase). */
  readonly clientPrivateKey: string;
  /** PEM of the CA that signed the API server certificate. */
  readonly apiServerCaPem: string;
  /** Runs a command inside the hub or spoke namespace (`ip netns exec`, so the hub's DNS view applies). */
  exec(where: 'hub' | 'spoke', command: string, args?: readonly string[], timeoutMs?: number): Promise<ExecResult>;
  /** Opens a TCP connection *from the hub* (through the hub relay), returned paused: what the Bastion stand-in uses upstream. */
  dialFromHub(host: string, port: number): Promise<net.Socket>;
  /** Cuts the hub↔spoke peering (the jump box then cannot reach the API server). */
  cutPeering(): Promise<void>;
  /** Restores the peering. */
  restorePeering(): Promise<void>;
  /** Stops the jump box sshd and its session processes (open sessions drop). */
  stopSshd(): Promise<void>;
  /** Starts the jump box sshd again with the same keys; resolves once it accepts connections. */
  startSshd(): Promise<void>;
  /** API server requests logged so far (method, path, user, status, why a token was refused, SNI, peer address). */
  apiRequests(): ApiRequest[];
  /**
   * Makes the spoke's API server a given cluster (tenant, JWKS, access scenario, role assignments),
   * or, with null, the unconfigured server (every request anonymous). Takes effect on the next request.
   */
  configureApiServer(config: SpokeAccessFile | null): void;
  /**
   * Enforces a JIT rule on the jump box (its namespace's firewall): with sources, only they may open
   * TCP 22 (others are reset); with null, port 22 is open to all again (every slot's default).
   * Resolves to the sources in force.
   */
  jitFirewall(sources: readonly string[] | null): Promise<string[]>;
}

/** Options of `up`. */
export interface UpOptions {
  /** 0..15; slot 0 is shared by every test that does not break anything (default: `AKSC_TOPOLOGY_DEFAULT_SLOT`, else 0). */
  readonly slot?: number;
  /** The jump box's sshd profile (default standard); a slot up with another profile is rebuilt. */
  readonly profile?: 'standard' | 'hardened';
}

async function sh(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await run('bash', [path.join(HERE, script), ...args], { maxBuffer: 4 * 1024 * 1024, env: { ...process.env, ...env } });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`topology ${script} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

async function execIn(ns: string, command: string, args: readonly string[], timeoutMs: number): Promise<ExecResult> {
  try {
    const { stdout, stderr } = await run('ip', ['netns', 'exec', ns, command, ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(e.code ?? '') };
  }
}

/** Connects to `host:port` from inside the hub through the relay socket of a topology slot; the socket is returned paused. */
export function dialViaRelay(socketPath: string, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let reply = Buffer.alloc(0);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`hub relay closed before answering for ${host}:${port}`)));
    socket.once('connect', () => socket.write(`CONNECT ${host} ${port}\n`));
    const onData = (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const end = reply.indexOf(10);
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause();
      const line = reply.subarray(0, end).toString('utf8');
      const rest = reply.subarray(end + 1);
      if (line !== 'OK') {
        socket.destroy();
        reject(Object.assign(new Error(`hub relay could not reach ${host}:${port}: ${line}`), { code: line.replace(/^ERR /, '') }));
        return;
      }
      socket.off('error', reject);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/** Brings a slot up (idempotent, safe to call from several test files at once) and returns it. */
export async function up(options: UpOptions = {}): Promise<Topology> {
  const slot = options.slot ?? (Number(process.env.AKSC_TOPOLOGY_DEFAULT_SLOT) || 0);
  const state = JSON.parse(await sh('up.sh', [String(slot)], { AKSC_JUMPBOX_PROFILE: options.profile ?? 'standard' })) as TopologyState;
  const waitForSshd = async () => {
    for (let i = 0; i < 100; i++) {
      const probe = await execIn(state.namespaces.hub, 'bash', ['-c', `exec 3<>/dev/tcp/${state.jumpBox.ip}/22`], 2000);
      if (probe.code === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('jump box sshd did not come back');
  };
  return {
    ...state,
    jumpBoxHostKeys: state.jumpBox.hostKeyPublicPaths.map((p) => readFileSync(p, 'utf8').trim()),
    clientPrivateKey: readFileSync(state.jumpBox.clientKeyPath, 'utf8'),
    apiServerCaPem: readFileSync(state.apiServer.caCertPath, 'utf8'),
    exec: (where, command, args = [], timeoutMs = 30_000) => execIn(state.namespaces[where], command, args, timeoutMs),
    dialFromHub: (host, port) => dialViaRelay(state.hubRelaySocket, host, port),
    async cutPeering() { await sh('peering.sh', [String(slot), 'cut']); },
    async restorePeering() { await sh('peering.sh', [String(slot), 'restore']); },
    async stopSshd() {
      const script = `for p in $(ip netns pids ${state.namespaces.hub}); do [ "$(cat /proc/$p/comm 2>/dev/null)" = sshd ] && kill -TERM $p; done; true`;
      await run('bash', ['-c', script]);
      for (let i = 0; i < 100; i++) {
        const probe = await execIn(state.namespaces.hub, 'bash', ['-c', `exec 3<>/dev/tcp/${state.jumpBox.ip}/22`], 2000);
        if (probe.code !== 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async startSshd() {
      const started = await execIn(state.namespaces.hub, '/usr/sbin/sshd', ['-f', state.jumpBox.sshdConfigPath, '-E', state.jumpBox.sshdLogPath], 10_000);
      if (started.code !== 0) throw new Error(`sshd did not start: ${started.stderr}`);
      await waitForSshd();
    },
    apiRequests() {
      let text = '';
      try {
        text = readFileSync(state.apiServer.requestLogPath, 'utf8');
      } catch {
        return [];
      }
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ApiRequest);
    },
    async jitFirewall(sources) {
      const out = await sh('jit-firewall.sh', [String(slot), ...(sources ? ['allow', ...sources] : ['off'])]);
      return out.trim() === 'open' ? [] : out.trim().split(/\s+/);
    },
    configureApiServer(config) {
      const file = state.apiServer.accessConfigPath;
      if (!config) return rmSync(file, { force: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(config), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}

/** Tears a slot down, or every slot with `'all'`. */
export async function down(slot: number | 'all' = 0): Promise<void> {
  await sh('down.sh', [slot === 'all' ? '--all' : String(slot)]);
}
