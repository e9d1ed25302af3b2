import net from 'node:net';
import type { Readable } from 'node:stream';
import { AppError } from '../errors';
import { Emitter, type Event } from '../events';
import type { Logger } from '../log';
import { describeListenError } from '../net';
import { toProblem } from './bastion-errors';
import type { BastionListener, ListenerStatus, TunnelProblem, TunnelStateChange } from './bastion-types';
import type { PreparedTunnel } from './tunnel-client';
import type { TunnelConnection } from './tunnel-connection';

/** Bytes queued towards (or read from) an accepted local socket before the other side is held back. */
const LOCAL_HIGH_WATER = 256 * 1024;

/** What a listener needs from its client. */
export interface TunnelListenerDeps {
  readonly prepared: PreparedTunnel;
  readonly localPort: number;
  readonly connect: () => TunnelConnection;
  readonly log: Logger;
  readonly onClosed: () => void;
}

/** A loopback TCP listener whose every accepted connection is carried by its own Bastion session. */
export class TunnelListener implements BastionListener {
  readonly host = '127.0.0.1' as const;
  // Room for a few websocket messages in the local socket's queue: at Node's 16 KiB default every 32–64 KiB
  // message from Bastion would report the socket full, pausing and resuming the tunnel once per message.
  private readonly server = net.createServer({ noDelay: true, pauseOnConnect: true, highWaterMark: LOCAL_HIGH_WATER });
  private readonly live = new Map<TunnelConnection, net.Socket>();
  private readonly connectionChanges = new Emitter<[connectionId: string, change: TunnelStateChange]>();
  private boundPort = 0;
  private closed = false;
  private total = 0;
  private finishedIn = 0;
  private finishedOut = 0;
  private lastProblem: TunnelProblem | undefined;
  private readonly settling = new Set<Promise<void>>();
  /** Local sockets of closed tunnels still flushing bytes Bastion sent before it closed. */
  private readonly draining = new Set<net.Socket>();

  /** Creates the listener; `start()` binds it. */
  constructor(private readonly deps: TunnelListenerDeps) {
    this.server.on('connection', (socket) => this.accept(socket));
  }

  get port(): number { return this.boundPort; }

  /** Binds 127.0.0.1; a taken port is refused with a plain error (never shared, never silently moved). */
  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', (error: NodeJS.ErrnoException) => {
        const { reason, message } = describeListenError(this.deps.localPort, error);
        reject(new AppError(reason === 'taken' ? 'bastion.port_taken' : 'bastion.listen_failed', message));
      });
      this.server.listen({ port: this.deps.localPort, host: '127.0.0.1', exclusive: true }, () => resolve());
    });
    this.boundPort = (this.server.address() as net.AddressInfo).port;
  }

  status(): ListenerStatus {
    let bytesIn = this.finishedIn;
    let bytesOut = this.finishedOut;
    for (const connection of this.live.keys()) {
      const counters = connection.counters();
      bytesIn += counters.bytesIn;
      bytesOut += counters.bytesOut;
    }
    return { state: this.closed ? 'closed' : 'listening', localPort: this.boundPort, activeConnections: this.live.size, totalConnections: this.total, lastProblem: this.lastProblem, bytesIn, bytesOut };
  }

  /** Fires for each accepted connection's state changes. */
  readonly onDidConnectionChange: Event<[connectionId: string, change: TunnelStateChange]> = this.connectionChanges.event;

  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.server.close();
      this.deps.onClosed();
    }
    for (const socket of this.draining) socket.destroy();
    await Promise.allSettled([...this.live.entries()].map(async ([connection, socket]) => {
      socket.destroy();
      await connection.close();
    }));
    await Promise.allSettled([...this.settling]);
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    if (this.deps.prepared.mode === 'developer' && this.live.size > 0) {
      this.lastProblem = { code: 'bastion.developer_single', message: 'The Developer SKU carries one connection at a time; this connection was refused.' };
      socket.destroy();
      return;
    }
    let connection: TunnelConnection;
    try {
      connection = this.deps.connect();
    } catch (error) {
      this.lastProblem = toProblem(error);
      socket.destroy();
      return;
    }
    this.total += 1;
    this.live.set(connection, socket);
    let piped = false;
    socket.setNoDelay(true);
    connection.onDidChangeState((change) => {
      this.connectionChanges.fire(connection.id, change);
      if (change.state === 'connecting' || change.state === 'open') return;
      if (change.problem) this.lastProblem = change.problem;
      else if (change.state === 'closed') this.lastProblem = undefined;
      this.retire(connection);
      // A lost tunnel resets the local socket, as a drop would: an orderly FIN would say nothing was lost.
      if (change.state === 'lost') socket.resetAndDestroy();
      else if (change.state === 'closed' && piped) this.drain(socket, connection.stream);
      else socket.destroy();
      const settled = connection.close();
      this.settling.add(settled);
      void settled.finally(() => this.settling.delete(settled));
    });
    this.connectionChanges.fire(connection.id, { state: 'connecting' });
    socket.on('error', () => { /* the connection's own state carries the outcome */ });
    socket.on('close', () => void connection.close());
    connection.start().then(
      () => {
        if (socket.destroyed) {
          void connection.close();
          return;
        }
        const stream = connection.stream;
        piped = true;
        socket.pipe(stream);
        stream.deliverTo(socket);
        stream.on('error', () => socket.destroy());
        socket.resume();
      },
      (error: unknown) => {
        this.deps.log.warn('bastion tunnel connection failed', { connection: connection.id, problem: toProblem(error).code });
        socket.destroy();
      },
    );
  }

  /**
   * A cleanly closed tunnel: bytes Bastion sent may still be queued for a slow local reader (in the stream
   * and the socket); the stream's end flushes them and then ends the socket. A stream destroyed instead
   * of ended, or the listener closing, cuts the socket.
   */
  private drain(socket: net.Socket, stream: Readable): void {
    this.draining.add(socket);
    socket.once('close', () => this.draining.delete(socket));
    stream.once('close', () => {
      if (!socket.writableEnded) socket.destroy();
    });
  }

  private retire(connection: TunnelConnection): void {
    if (!this.live.delete(connection)) return;
    const counters = connection.counters();
    this.finishedIn += counters.bytesIn;
    this.finishedOut += counters.bytesOut;
  }
}
