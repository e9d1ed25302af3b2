// eslint-disable-next-line one-event-primitive/no-hand-rolled-events -- a stand-in for ssh2's Client, which is an EventEmitter: SshConnector and SshConnection listen on it as on ssh2's
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import ssh2, { type AuthHandlerMiddleware, type ConnectConfig, type ParsedKey } from 'ssh2';
import { AppError } from '../../errors';
import type { ServerOffer } from '../kexinit-reader';
import { BytePipe, type PipeLink } from './byte-pipe';
import { asBuffer, type ChannelRequest, type FromSessionProcess, type ToSessionProcess, type WireAuthMethod, type WireError } from './messages';

/** What a client proxy needs of the session process's link. */
export interface ClientLink extends PipeLink {
  /** Sends a message about something the running process holds (dropped when none runs). */
  post(message: ToSessionProcess): void;
  /** Sends a message that starts something, starting the process if none runs; throws an AppError when it cannot. */
  begin(message: ToSessionProcess): void;
  /** A pipe registered under a fresh id (its messages reach it until it is dropped). */
  openPipe(): BytePipe;
  dropPipe(id: number): void;
  /** Opens a channel on `client`; rejects as ssh2 would call back with an error. */
  openChannel(client: number, request: ChannelRequest): Promise<RemoteChannel>;
}

/** A socket held by the session process (dialled there), for `connect({ sock })`. */
export class RemoteSocket {
  /** Socket `id` of the process reached through `link`. */
  constructor(
    readonly id: number,
    private readonly link: Pick<ClientLink, 'post'>,
  ) {}

  /** Closes the socket in the session process. */
  destroy(): void {
    this.link.post({ op: 'destroy-socket', socket: this.id });
  }
}

/** An error from the session process as main's code expects it: an AppError by code, else ssh2's error with its level. */
export function fromWireError(wire: WireError): Error {
  if (wire.code) return new AppError(wire.code, wire.message, wire.params ? { params: wire.params } : undefined);
  return Object.assign(new Error(wire.message), wire.level ? { level: wire.level } : {});
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The server's offer as reported by the session process, when it has the expected shape. */
function asServerOffer(value: unknown): ServerOffer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  return isStringList(o.kex) && isStringList(o.serverHostKey) && isStringList(o.cipher) && isStringList(o.mac) && isStringList(o.compress)
    ? { kex: o.kex, serverHostKey: o.serverHostKey, cipher: o.cipher, mac: o.mac, compress: o.compress }
    : undefined;
}

/**
 * A channel of a client in the session process: its bytes through a pipe, its stderr through
 * another, and ssh2's channel calls (`setWindow`, `signal`, `close`) as messages. Like ssh2's
 * channel, it emits `close` with the exit code (or null and the signal) after its data has ended.
 */
export class RemoteChannel extends BytePipe {
  private ended = false;

  /** Channel `id` (its stdout pipe) with its stderr pipe, on the link's process. */
  constructor(
    id: number,
    readonly stderr: BytePipe,
    private readonly process: PipeLink & Pick<ClientLink, 'post'>,
  ) {
    super(id, process);
  }

  /** Changes the PTY size. */
  setWindow(rows: number, cols: number, _height?: number, _width?: number): boolean {
    this.process.post({ op: 'window', pipe: this.id, rows, cols });
    return true;
  }

  /** Sends a signal to the remote process. */
  signal(name: string): boolean {
    this.process.post({ op: 'signal', pipe: this.id, name });
    return true;
  }

  /** Closes the channel (the jump box's close follows). */
  close(): void {
    this.process.post({ op: 'close-channel', pipe: this.id });
  }

  /** The process says the channel closed after every byte it had; `close` follows the end of data, as in ssh2. */
  closedRemotely(args: Array<number | string | null | undefined>): void {
    if (this.ended) return;
    this.ended = true;
    const emit = (): void => {
      this.emit('close', ...args);
      this.stderr.emit('close');
    };
    if (this.readableEnded || this.destroyed) emit();
    else this.once('end', emit);
  }

  /** The session process went away: the channel ends now, with no exit status. */
  lost(): void {
    if (this.ended) return;
    this.ended = true;
    this.destroy();
    this.stderr.destroy();
    this.emit('close');
    this.stderr.emit('close');
  }
}

/**
 * An ssh2 client that runs in the session process: the same calls and events as ssh2's `Client`
 * as the console uses them. The host-key verifier and the authentication handler stay here, in
 * main, and are asked over the wire; a private key is never sent: the process gets the public key
 * and asks main for each signature.
 */
export class RemoteSshClient extends EventEmitter {
  private config: ConnectConfig | undefined;
  private signingKey: ParsedKey | undefined;
  private relay: { pipe: BytePipe; stream: Duplex } | undefined;
  private offer: ServerOffer | undefined;
  private closed = false;
  /** ssh2's protocol object as the console uses it: a key re-exchange from our side. */
  readonly _protocol = { rekey: (): void => this.link.post({ op: 'rekey', client: this.id }) };

  /** Client `id` of the process reached through `link`. */
  constructor(
    readonly id: number,
    private readonly link: ClientLink,
  ) {
    super();
  }

  /** Connects over a socket the process dialled, or over a stream main holds (a Bastion session), relayed. */
  connect(config: ConnectConfig): this {
    this.config = config;
    const stream = config.sock instanceof RemoteSocket ? undefined : (config.sock as unknown as Duplex);
    const relay = stream && this.link.openPipe();
    const sock = config.sock instanceof RemoteSocket ? { socket: config.sock.id } : { pipe: relay!.id };
    const { username, readyTimeout, keepaliveInterval, keepaliveCountMax, algorithms } = config;
    try {
      this.link.begin({ op: 'connect', client: this.id, sock, config: { username, readyTimeout, keepaliveInterval, keepaliveCountMax, algorithms: algorithms as Record<string, unknown> | undefined } });
    } catch (error) {
      if (relay) this.link.dropPipe(relay.id);
      // As ssh2 reports a connect that cannot start: an error, then close, after connect() returned.
      queueMicrotask(() => this.lost(error instanceof AppError ? error : new AppError('ssh.session_process_failed', 'The console\'s session process could not start; the log has the details.')));
      return this;
    }
    if (stream && relay) {
      // Relayed only once the process has the client (the pipe's first bytes must find it there).
      this.relay = { pipe: relay, stream };
      stream.pipe(relay).pipe(stream);
      // A carrier that dies (a Bastion drop, an error) ends the relay, which closes ssh2's socket in the
      // process; why it died is the connection's to report (`transportProblem`), so its error is not rethrown here.
      const carrierGone = (): void => {
        if (!relay.destroyed && !relay.writableEnded) relay.end();
      };
      stream.on('error', carrierGone);
      stream.once('end', carrierGone);
      stream.once('close', carrierGone);
    }
    return this;
  }

  /** The server's KEXINIT offer, as the process read it before an error (for algorithm mismatches). */
  serverOffer(): ServerOffer | undefined {
    return this.offer;
  }

  /** An interactive shell. */
  shell(pty: object, callback: (error: Error | undefined, channel: RemoteChannel) => void): this {
    this.channel({ kind: 'shell', pty: { ...pty } }, callback);
    return this;
  }

  /** A command channel. */
  exec(command: string, options: object, callback: (error: Error | undefined, channel: RemoteChannel) => void): this {
    this.channel({ kind: 'exec', command, options: { ...options } }, callback);
    return this;
  }

  /** A direct-tcpip channel. */
  forwardOut(srcIp: string, srcPort: number, host: string, port: number, callback: (error: Error | undefined, channel: RemoteChannel) => void): this {
    this.channel({ kind: 'forward', srcIp, srcPort, host, port }, callback);
    return this;
  }

  /** Ends the connection gracefully. */
  end(): this {
    this.link.post({ op: 'end', client: this.id });
    return this;
  }

  /** Ends the connection at once. */
  destroy(): this {
    this.link.post({ op: 'destroy', client: this.id });
    return this;
  }

  /** An event of the process's client. */
  fromProcess(message: Extract<FromSessionProcess, { op: 'ready' | 'handshake' | 'hostkeys' | 'error' | 'close' }>): void {
    switch (message.op) {
      case 'ready':
        // Signed in: main signs nothing more for this connection (the process cannot use main as a signing oracle).
        this.signingKey = undefined;
        this.emit('ready');
        return;
      case 'handshake':
        this.emit('handshake');
        return;
      case 'hostkeys':
        this.emit('hostkeys', message.keys.map((key) => ({ getPublicSSH: () => asBuffer(key) })));
        return;
      case 'error':
        this.offer = asServerOffer(message.offer) ?? this.offer;
        this.emit('error', fromWireError(message.error));
        return;
      case 'close':
        this.finish();
        return;
    }
  }

  /** The process asks whether the host key is the one we trust: main's verifier decides. */
  verify(key: Uint8Array): Promise<boolean> {
    const verifier = this.config?.hostVerifier as ((key: Buffer, verify: (valid: boolean) => void) => void) | undefined;
    if (!verifier) return Promise.resolve(false);
    return new Promise((resolve) => verifier(asBuffer(key), resolve));
  }

  /** The process asks which method to try next: main's handler decides; a private key becomes main's signer. */
  authenticate(methodsLeft: string[] | null, partial: boolean | null): Promise<WireAuthMethod | false> {
    const handler = this.config?.authHandler as AuthHandlerMiddleware | undefined;
    if (!handler) return Promise.resolve(false);
    return new Promise((resolve) => {
      handler(methodsLeft as never, partial as never, ((method: unknown) => resolve(this.toWire(method))) as never);
    });
  }

  /** The process asks for a signature with the key main chose. */
  sign(data: Uint8Array, hash: string | undefined): Buffer | Error {
    if (!this.signingKey) return new Error('No key was chosen for this connection.');
    return this.signingKey.sign(asBuffer(data), hash);
  }

  /** The session process went away: the connection is lost as a dropped socket would be. */
  lost(error: AppError): void {
    if (this.closed) return;
    this.emit('error', error);
    this.finish();
  }

  private toWire(method: unknown): WireAuthMethod | false {
    if (method === false || typeof method !== 'object' || method === null) return false;
    const m = method as { type?: string; username?: string; key?: Buffer | string; passphrase?: string; agent?: unknown; password?: string };
    const username = m.username ?? this.config?.username ?? '';
    if (m.type === 'publickey' && m.key !== undefined) {
      const parsed = ssh2.utils.parseKey(m.key, m.passphrase);
      const key = Array.isArray(parsed) ? parsed[0] : parsed;
      if (!key || key instanceof Error) {
        this.emit('error', Object.assign(new Error(`Cannot parse privateKey: ${key instanceof Error ? key.message : 'no key'}`), { level: 'client-authentication' }));
        return false;
      }
      this.signingKey = key;
      return { type: 'signer', username, publicKey: key.getPublicSSH() };
    }
    if (m.type === 'agent' && typeof m.agent === 'string') return { type: 'agent', username, agent: m.agent };
    if (m.type === 'password' && typeof m.password === 'string') return { type: 'password', username, password: m.password };
    if (m.type === 'none') return { type: 'none', username };
    return false;
  }

  private channel(request: ChannelRequest, callback: (error: Error | undefined, channel: RemoteChannel) => void): void {
    this.link.openChannel(this.id, request).then(
      (channel) => callback(undefined, channel),
      (error: Error) => callback(error, undefined as never),
    );
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.relay) {
      const { pipe, stream } = this.relay;
      stream.unpipe(pipe);
      pipe.unpipe(stream);
      pipe.destroy();
      this.link.dropPipe(pipe.id);
    }
    this.signingKey = undefined;
    this.emit('close');
  }
}
