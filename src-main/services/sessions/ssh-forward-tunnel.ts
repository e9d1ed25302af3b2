import type { Server, Socket } from 'node:net';
import type { ClientChannel } from 'ssh2';
import { isAppError } from '../errors';
import type { Logger } from '../log';
import { type HostKeyPrompts, HostKeyRefusedError, openSshHostToken, type SshConfigEndpoint, type SshConnection, type SshConnector, type SshTargetValue } from '../ssh';
import { closeListener, listenLoopback } from './local-listener';
import { startingTunnelInfo, TunnelSession } from './tunnel-session';
import type { TunnelInfoValue } from './types';

/** Reconnect and health timings of a tunnel. */
export interface TunnelTimings {
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  readonly healthIntervalMs: number;
  /** How long an accepted local connection waits for the SSH leg to come back. */
  readonly acceptWaitMs: number;
}

/** Production timings. */
export const DEFAULT_TUNNEL_TIMINGS: TunnelTimings = { reconnectBaseMs: 1000, reconnectMaxMs: 30_000, healthIntervalMs: 30_000, acceptWaitMs: 15_000 };

/** Codes after which retrying cannot help (the operator must act). */
const PERMANENT = new Set(['ssh.host_key_changed', 'ssh.host_key_refused', 'ssh.host_key_revoked', 'ssh.auth_failed', 'sshkeys.missing', 'ssh.no_agent', 'sshkeys.keychain_unavailable']);

/** What an SSH port-forward tunnel needs. */
export interface SshForwardTunnelDeps {
  readonly connector: SshConnector;
  readonly prompts: HostKeyPrompts;
  readonly log: Logger;
  readonly timings?: TunnelTimings;
  readonly now?: () => Date;
  /** Asked before every reconnect (JIT before SSH: a grant that ended since the open); a refusal ends the tunnel. */
  readonly mayReconnect?: () => Promise<void>;
}

/**
 * A named SSH local port-forward: 127.0.0.1:<stable port> → jump box → remoteHost:remotePort
 * (the API server's private FQDN on 443). One SSH connection carries every local connection as
 * its own direct-tcpip channel; the connection is re-established with backoff when it drops, and
 * a periodic probe channel shows whether the target is reachable from the jump box.
 */
export class SshForwardTunnel extends TunnelSession {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private connection: SshConnection | undefined;
  private waiters: Array<(connection: SshConnection | undefined) => void> = [];
  private info: TunnelInfoValue;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  private readonly timings: TunnelTimings;
  private readonly now: () => Date;

  /** Creates the tunnel (not yet listening). */
  constructor(
    name: string,
    private readonly target: SshTargetValue,
    readonly remoteHost: string,
    readonly remotePort: number,
    private readonly deps: SshForwardTunnelDeps,
  ) {
    super(name);
    this.timings = deps.timings ?? DEFAULT_TUNNEL_TIMINGS;
    this.now = deps.now ?? (() => new Date());
    this.info = startingTunnelInfo(name, 'ssh', `${remoteHost}:${remotePort}`);
  }

  /** The public state. */
  snapshot(): TunnelInfoValue {
    return { ...this.info, activeConnections: this.sockets.size };
  }

  /**
   * Listens on the local port and starts connecting the SSH leg in the background (a host-key
   * question may wait for the operator); the state events tell how that goes.
   */
  async open(localPort = 0): Promise<void> {
    const { server, port } = await listenLoopback(localPort, (socket) => this.accept(socket));
    this.server = server;
    this.update({ localPort: port });
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const settling = this.info.reconnects > 0 ? 'reconnecting' : 'starting';
    if (this.info.reconnects > 0 && this.deps.mayReconnect) {
      try {
        await this.deps.mayReconnect();
      } catch (error) {
        if (this.closed) return;
        const problem = isAppError(error) ? { code: error.code, message: error.message } : { code: 'tunnels.failed', message: 'The tunnel may not reconnect; the log has the details.' };
        this.update({ state: 'down', problem });
        for (const wake of this.waiters.splice(0)) wake(undefined);
        return;
      }
    }
    try {
      const connection = await this.deps.connector.connect({
        target: this.target,
        requester: this.name,
        onPhase: (phase) => this.update({ state: phase === 'awaiting-host-key' ? 'awaiting-host-key' : settling }),
      });
      if (this.closed) {
        await connection.close();
        return;
      }
      this.connection = connection;
      this.attempt = 0;
      connection.onDidClose((loss) => {
        if (this.connection !== connection) return;
        this.connection = undefined;
        if (this.closed) return;
        this.deps.log.warn('tunnel SSH leg lost', { tunnel: this.name, code: loss?.code });
        this.update({ state: 'reconnecting', problem: loss });
        this.scheduleReconnect();
      });
      for (const wake of this.waiters.splice(0)) wake(connection);
      await this.checkHealth();
      this.scheduleHealth();
    } catch (error) {
      if (this.closed) return;
      const problem = isAppError(error) ? { code: error.code, message: error.message } : { code: 'tunnels.failed', message: 'The tunnel could not connect; the log has the details.' };
      if (!isAppError(error)) this.deps.log.error('tunnel connect failed', { tunnel: this.name, error });
      const mismatch = error instanceof HostKeyRefusedError ? error.mismatch : undefined;
      if (PERMANENT.has(problem.code)) {
        this.update({ state: 'down', problem, hostKeyMismatch: mismatch });
        for (const wake of this.waiters.splice(0)) wake(undefined);
        return;
      }
      this.update({ state: 'reconnecting', problem });
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(this.timings.reconnectMaxMs, this.timings.reconnectBaseMs * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.info = { ...this.info, reconnects: this.info.reconnects + 1 };
      void this.connect();
    }, delay);
  }

  private scheduleHealth(): void {
    clearInterval(this.healthTimer);
    this.healthTimer = setInterval(() => void this.checkHealth(), this.timings.healthIntervalMs);
    this.healthTimer.unref();
  }

  /** Opens and closes one channel to the target: proves jump box → target reachability. */
  async checkHealth(): Promise<boolean> {
    const connection = this.connection;
    if (!connection) return false;
    try {
      const probe = await connection.forwardOut('127.0.0.1', 0, this.remoteHost, this.remotePort);
      probe.on('error', () => undefined);
      probe.close();
      this.update({ state: 'ready', problem: undefined, hostKeyMismatch: undefined, lastHealthyAt: this.now().toISOString() });
      return true;
    } catch (error) {
      if (this.connection !== connection) return false;
      const message = isAppError(error) ? error.message : String(error);
      this.update({ state: 'down', problem: { code: 'tunnels.target_unreachable', message: `The jump box is connected, but ${message}` } });
      return false;
    }
  }

  private waitForConnection(): Promise<SshConnection | undefined> {
    if (this.connection) return Promise.resolve(this.connection);
    if (this.info.state === 'down' && !this.retryTimer) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(undefined);
      }, this.timings.acceptWaitMs);
      const wake = (connection: SshConnection | undefined): void => {
        clearTimeout(timer);
        resolve(connection);
      };
      this.waiters.push(wake);
    });
  }

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    this.info = { ...this.info, totalConnections: this.info.totalConnections + 1 };
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.sockets.delete(socket);
      this.didChange.fire(this.snapshot());
    });
    void this.bridge(socket);
  }

  private async bridge(socket: Socket): Promise<void> {
    const connection = await this.waitForConnection();
    if (!connection || socket.destroyed) {
      socket.destroy();
      return;
    }
    let channel: ClientChannel;
    try {
      channel = await connection.forwardOut(socket.remoteAddress ?? '127.0.0.1', socket.remotePort ?? 0, this.remoteHost, this.remotePort);
    } catch (error) {
      this.deps.log.warn('forward refused', { tunnel: this.name, code: isAppError(error) ? error.code : 'unknown' });
      socket.destroy();
      if (this.connection === connection) void this.checkHealth();
      return;
    }
    if (socket.destroyed) {
      channel.close();
      return;
    }
    channel.on('data', (chunk: Buffer) => {
      this.info.bytesIn += chunk.length;
    });
    socket.on('data', (chunk: Buffer) => {
      this.info.bytesOut += chunk.length;
    });
    channel.on('error', () => socket.destroy());
    channel.on('close', () => socket.destroy());
    socket.on('close', () => channel.close());
    socket.pipe(channel);
    channel.pipe(socket);
    socket.resume();
  }

  /** Stops listening, ends every forwarded connection and the SSH leg. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.healthTimer);
    this.deps.prompts.cancelFor(this.name);
    for (const wake of this.waiters.splice(0)) wake(undefined);
    await closeListener(this.server, this.sockets);
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
    this.update({ state: 'closed', problem: undefined });
    this.exited();
  }

  /** 127.0.0.1:<its port>, known by the forwarded host and port. */
  sshEndpoint(): SshConfigEndpoint {
    return { hostName: '127.0.0.1', port: this.snapshot().localPort, hostIds: [openSshHostToken(this.remoteHost, this.remotePort)] };
  }

  private update(patch: Partial<TunnelInfoValue>): void {
    this.info = { ...this.info, ...patch };
    this.didChange.fire(this.snapshot());
  }
}
