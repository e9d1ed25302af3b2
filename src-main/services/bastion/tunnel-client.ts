import { randomUUID } from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { AppError } from '../errors';
import type { Logger } from '../log';
import type { BastionConfig } from './bastion-config';
import { assertBastionHost } from './bastion-endpoint';
import type { BastionNet } from './bastion-net';
import type { BastionConnection, BastionHost, BastionHostReader, BastionListener, ListenOptions, TunnelRequest } from './bastion-types';
import { tunnelModeFor, tokenResourceId, type TunnelMode } from './host-policy';
import { TokenCache } from './token-cache';
import { BastionTokenApi, type BastionSession } from './token-api';
import { TunnelConnection } from './tunnel-connection';
import { TunnelListener } from './tunnel-listener';

/** Ports the tunnel client is built from. */
export interface BastionTunnelClientDeps {
  readonly hosts: BastionHostReader;
  /** The identity layer's credential; asked for `config.tokenScope` in the Bastion's tenant. */
  readonly credential: TokenCredential;
  readonly net: BastionNet;
  readonly config: BastionConfig;
  readonly log: Logger;
}

/** A Bastion host that passed the checks, with the way to negotiate with it. */
export interface PreparedTunnel {
  readonly host: BastionHost;
  readonly mode: TunnelMode;
  readonly request: TunnelRequest;
}

/**
 * Opens Azure Bastion native-client tunnels: one Bastion session per TCP connection, each deleted
 * when its connection ends, and every remaining one deleted on `dispose()`.
 */
export class BastionTunnelClient {
  private readonly api: BastionTokenApi;
  private readonly tokens: TokenCache;
  private readonly connections = new Set<TunnelConnection>();
  // Open TCP listeners (objects, not event callbacks), hence the annotation rather than `new Set<TunnelListener>()`.
  private readonly listeners: Set<TunnelListener> = new Set();
  private readonly undeleted = new Map<string, { session: BastionSession; bastionName: string }>();
  private readonly settling = new Set<Promise<void>>();
  private disposed = false;

  /** Creates the client; nothing is contacted until a tunnel is opened. */
  constructor(private readonly deps: BastionTunnelClientDeps) {
    this.api = new BastionTokenApi(deps.net, deps.config);
    this.tokens = new TokenCache(deps.credential, deps.config.tokenScope);
  }

  /** Reads the Bastion and checks it can carry the target; throws a plain AppError when it cannot. */
  async prepare(request: TunnelRequest, signal?: AbortSignal): Promise<PreparedTunnel> {
    this.assertAlive();
    const host = await this.deps.hosts.getBastionHost(request.bastionId, signal);
    const mode = tunnelModeFor(host, request.target);
    assertBastionHost(this.deps.config, host.dnsName, host.name);
    return { host, mode, request };
  }

  /** Opens one connection (for ssh2's `sock`); resolves once the websocket is open. */
  async open(request: TunnelRequest, signal?: AbortSignal): Promise<BastionConnection> {
    return this.openPrepared(await this.prepare(request, signal));
  }

  /** Listens on 127.0.0.1; every accepted TCP connection gets its own Bastion session. */
  async listen(request: TunnelRequest, options: ListenOptions = {}): Promise<BastionListener> {
    const prepared = await this.prepare(request);
    const listener = new TunnelListener({
      prepared,
      localPort: options.localPort ?? 0,
      connect: () => this.createConnection(prepared),
      log: this.deps.log,
      onClosed: () => this.listeners.delete(listener),
    });
    await listener.start();
    this.listeners.add(listener);
    return listener;
  }

  /** Connections currently connecting or open. */
  activeConnections(): number {
    return this.connections.size;
  }

  /** Closes every listener and connection, deletes every session, retries deletes that failed earlier. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.allSettled([...this.listeners].map((l) => l.close()));
    await Promise.allSettled([...this.connections].map((c) => c.close()));
    await Promise.allSettled([...this.settling]);
    await Promise.allSettled([...this.undeleted.entries()].map(async ([key, { session, bastionName }]) => {
      await this.api.deleteSession(session, bastionName);
      this.undeleted.delete(key);
    }));
  }

  private async openPrepared(prepared: PreparedTunnel): Promise<BastionConnection> {
    const connection = this.createConnection(prepared);
    await connection.start();
    return connection;
  }

  private createConnection(prepared: PreparedTunnel): TunnelConnection {
    this.assertAlive();
    const { host, mode, request } = prepared;
    const connection: TunnelConnection = new TunnelConnection({
      id: randomUUID(),
      bastionName: host.name,
      mode,
      mint: (signal) => this.mint(prepared, signal),
      api: this.api,
      net: this.deps.net,
      config: this.deps.config,
      log: this.deps.log.child('bastion'),
      onSessionSettled: (session, deleted) => {
        if (deleted) this.undeleted.delete(session.authToken);
        else this.undeleted.set(session.authToken, { session, bastionName: host.name });
      },
    });
    this.connections.add(connection);
    connection.onDidChangeState(({ state }) => {
      if (state === 'connecting' || state === 'open') return;
      this.connections.delete(connection);
      const settled = connection.close();
      this.settling.add(settled);
      void settled.finally(() => this.settling.delete(settled));
    });
    this.deps.log.info('bastion tunnel opening', { connection: connection.id, bastion: host.name, target: tunnelTargetLabel(request), mode });
    return connection;
  }

  private async mint(prepared: PreparedTunnel, signal: AbortSignal): Promise<BastionSession> {
    try {
      return await this.mintWith(prepared, await this.tokens.get(prepared.host.tenantId), signal);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'bastion.unauthorized') throw error;
      this.tokens.invalidate(prepared.host.tenantId);
      return this.mintWith(prepared, await this.tokens.get(prepared.host.tenantId), signal);
    }
  }

  private async mintWith(prepared: PreparedTunnel, aztoken: string, signal: AbortSignal): Promise<BastionSession> {
    const { host, mode, request } = prepared;
    const resourceId = tokenResourceId(host, request.target);
    const endpoint = mode === 'developer'
      ? await this.api.developerEndpoint(host.dnsName, { resourceId, bastionResourceId: host.id, vmPort: request.target.port, azToken: aztoken }, host.name, signal)
      : host.dnsName;
    signal.throwIfAborted();
    // Not abortable: once Bastion may have minted a session we must learn its token to DELETE it.
    return this.api.createSession(endpoint, {
      resourceId,
      workloadHostPort: request.target.port,
      aztoken,
      ...(request.target.kind === 'ip' ? { hostname: request.target.ip } : {}),
    }, host.name);
  }

  private assertAlive(): void {
    if (this.disposed) throw new AppError('bastion.disposed', 'The console is shutting down; no new tunnels can be opened.');
  }
}

/** The tunnel's far end for the log: `ip:port`, or the VM's name and port. */
function tunnelTargetLabel(request: TunnelRequest): string {
  const { target } = request;
  return target.kind === 'ip' ? `${target.ip}:${target.port}` : `${target.resourceId.split('/').pop() ?? '?'}:${target.port}`;
}
