import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { finished } from 'node:stream/promises';
import ssh2, { type AuthHandlerMiddleware, type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { isAppError } from '../../errors';
import { watchServerOffer } from '../kexinit-reader';
import { dialJumpBox } from '../tcp-dial';
import { BytePipe, PipeSide } from './byte-pipe';
import { asBuffer, type FromSessionProcess, type ToSessionProcess, type WireAuthMethod, type WireError } from './messages';

type Answer = Extract<ToSessionProcess, { op: 'verified' | 'auth-method' | 'signed' }>;
type Question = { op: 'verify'; client: number; key: Uint8Array } | { op: 'auth'; client: number; methodsLeft: string[] | null; partial: boolean | null } | { op: 'sign'; client: number; data: Uint8Array; hash?: string };

/** An error as it crosses to main: an AppError keeps its code and params, ssh2's its level. */
export function toWireError(error: unknown): WireError {
  if (isAppError(error)) return { message: error.message, code: error.code, ...(error.params ? { params: error.params } : {}) };
  if (error instanceof Error) {
    const level = (error as Error & { level?: unknown }).level;
    return { message: error.message, ...(typeof level === 'string' ? { level } : {}) };
  }
  return { message: String(error) };
}

/** An agent whose one identity is main's key: ssh2 asks it to sign, and main signs (the private key never leaves main). */
class MainSigner extends ssh2.BaseAgent {
  constructor(
    private readonly publicKey: Buffer,
    private readonly signer: (data: Buffer, hash: string | undefined) => Promise<Buffer>,
  ) {
    super();
  }

  override getIdentities(callback: (error: Error | undefined, keys?: Buffer[]) => void): void {
    callback(undefined, [this.publicKey]);
  }

  override sign(_key: unknown, data: Buffer, options: unknown, callback?: (error?: Error, signature?: Buffer) => void): void {
    const done = typeof options === 'function' ? (options as typeof callback) : callback;
    const hash = typeof options === 'object' && options !== null ? (options as { hash?: string }).hash : undefined;
    this.signer(data, hash).then(
      (signature) => done?.(undefined, signature),
      (error: unknown) => done?.(error instanceof Error ? error : new Error(String(error))),
    );
  }
}

/**
 * The session process's side of the wire: it runs the real ssh2 clients, their sockets and
 * channels, for main's proxies (`RemoteSshClient`). Host keys, authentication and signatures are
 * asked of main, which decides exactly as it does for a client of its own; bytes go through
 * credit-controlled pipes. Transport-agnostic: the process entry (`src-main/session-host.ts`)
 * connects it to Electron's parentPort or Node's fork channel.
 */
export class SshClientServer {
  private readonly clients = new Map<number, Client>();
  private readonly sockets = new Map<number, Socket>();
  private readonly dials = new Map<number, AbortController>();
  private readonly pipes = new Map<number, BytePipe>();
  private readonly channels = new Map<number, ClientChannel>();
  private readonly questions = new Map<number, (answer: Answer) => void>();
  private nextQuestion = 1;
  private readonly side: PipeSide;

  /** Answers main through `send`. */
  constructor(private readonly send: (message: FromSessionProcess) => void) {
    this.side = new PipeSide((message) => send(message));
  }

  /** Tells main the process is up (the entry calls it once it listens). */
  hello(): void {
    this.send({ op: 'hello' });
  }

  /** One message from main. */
  handle(message: ToSessionProcess): void {
    if (this.side.deliver(message, this.pipes)) return;
    switch (message.op) {
      case 'dial':
        void this.dial(message);
        return;
      case 'cancel-dial':
        this.dials.get(message.socket)?.abort();
        return;
      case 'destroy-socket':
        this.sockets.get(message.socket)?.destroy();
        this.sockets.delete(message.socket);
        return;
      case 'connect':
        this.connect(message);
        return;
      case 'verified':
      case 'auth-method':
      case 'signed': {
        const answer = this.questions.get(message.call);
        this.questions.delete(message.call);
        answer?.(message);
        return;
      }
      case 'open':
        this.open(message);
        return;
      case 'rekey':
        // ssh2 1.17's Client has no public rekey(); its protocol object does (a running exchange is joined).
        (this.clients.get(message.client) as unknown as { _protocol?: { rekey(): void } } | undefined)?._protocol?.rekey();
        return;
      case 'end':
        this.clients.get(message.client)?.end();
        return;
      case 'destroy':
        this.clients.get(message.client)?.destroy();
        return;
      case 'close-channel':
        this.channels.get(message.pipe)?.close();
        return;
      case 'window':
        this.channels.get(message.pipe)?.setWindow(message.rows, message.cols, 0, 0);
        return;
      case 'signal':
        this.channels.get(message.pipe)?.signal(message.name);
        return;
    }
  }

  /** Ends every client, channel and socket (main went away). */
  dispose(): void {
    for (const client of this.clients.values()) client.destroy();
    for (const socket of this.sockets.values()) socket.destroy();
    for (const dial of this.dials.values()) dial.abort();
    for (const pipe of this.pipes.values()) pipe.destroy();
    this.clients.clear();
    this.sockets.clear();
    this.pipes.clear();
    this.channels.clear();
  }

  private ask<T extends Answer['op']>(question: Question): Promise<Extract<Answer, { op: T }>> {
    const call = this.nextQuestion++;
    return new Promise((resolve) => {
      this.questions.set(call, (answer) => resolve(answer as Extract<Answer, { op: T }>));
      this.send({ ...question, call } as FromSessionProcess);
    });
  }

  private async dial(message: Extract<ToSessionProcess, { op: 'dial' }>): Promise<void> {
    const abort = new AbortController();
    this.dials.set(message.socket, abort);
    try {
      const socket = await dialJumpBox(message.host, message.port, message.timeoutMs, abort.signal);
      // ssh2 reports a socket's errors once it owns it; until then one must not crash the process.
      socket.on('error', () => undefined);
      socket.once('close', () => this.sockets.delete(message.socket));
      this.sockets.set(message.socket, socket);
      this.send({ op: 'dialed', call: message.call });
    } catch (error) {
      this.send({ op: 'failed', call: message.call, error: toWireError(error) });
    } finally {
      this.dials.delete(message.socket);
    }
  }

  private pipe(id: number, options: { emitClose?: boolean } = {}): BytePipe {
    const pipe = new BytePipe(id, this.side, options);
    this.pipes.set(id, pipe);
    return pipe;
  }

  private connect(message: Extract<ToSessionProcess, { op: 'connect' }>): void {
    const id = message.client;
    const client = new ssh2.Client();
    this.clients.set(id, client);
    const socket = 'socket' in message.sock ? this.sockets.get(message.sock.socket) : undefined;
    const sock: Duplex | undefined = 'pipe' in message.sock ? this.relaySocket(message.sock.pipe) : socket;
    const watch: { offer?: ReturnType<typeof watchServerOffer> } = {};
    client.on('ready', () => this.send({ op: 'ready', client: id }));
    client.on('handshake', () => this.send({ op: 'handshake', client: id }));
    client.on('hostkeys', (keys: Array<{ getPublicSSH(): Buffer }>) => this.send({ op: 'hostkeys', client: id, keys: keys.map((k) => k.getPublicSSH()) }));
    client.on('error', (error: Error) => this.send({ op: 'error', client: id, error: toWireError(error), offer: watch.offer?.offer() }));
    client.on('close', () => {
      watch.offer?.stop();
      this.clients.delete(id);
      if ('pipe' in message.sock) this.dropPipe(message.sock.pipe);
      this.send({ op: 'close', client: id });
    });
    if (!sock) {
      this.send({ op: 'error', client: id, error: { message: 'The connection to the jump box was lost before the SSH handshake.', code: 'ssh.connection_closed' } });
      this.clients.delete(id);
      this.send({ op: 'close', client: id });
      return;
    }
    let accepted: Buffer | undefined;
    const authHandler: AuthHandlerMiddleware = (methodsLeft, partial, next) => {
      void this.ask<'auth-method'>({ op: 'auth', client: id, methodsLeft: methodsLeft ?? null, partial: partial ?? null }).then((answer) => next(this.method(answer.method, id) as never));
    };
    const config: ConnectConfig = {
      ...(message.config as ConnectConfig),
      sock: sock as ConnectConfig['sock'],
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        // A re-exchange presenting the key main accepted passes at once, as main's own check would
        // (it compares the two keys): ssh2 must not wait for a round trip in the middle of a
        // re-exchange, or packets it sends meanwhile reach sshd under the wrong keys ("Bad packet
        // length", seen with RekeyLimit under load). Any other key goes to main, which ends the connection.
        if (accepted?.equals(key)) return verify(true);
        void this.ask<'verified'>({ op: 'verify', client: id, key }).then((answer) => {
          if (answer.ok && !accepted) accepted = Buffer.from(key);
          verify(answer.ok);
        });
      },
      authHandler,
    };
    client.connect(config);
    // Set right after connect(), as in main's connector: ssh2 has paused the stream by then.
    if (socket) watch.offer = watchServerOffer(socket);
  }

  /**
   * ssh2's `sock` for a carrier main holds (a Bastion session): a pipe that behaves as a socket
   * for ssh2, which ends a connection only on its socket's `close`. Main ends the pipe when the
   * carrier dies, and the pipe then closes; ssh2 destroying it closes it too.
   */
  private relaySocket(id: number): BytePipe {
    const relay = this.pipe(id, { emitClose: true });
    relay.once('end', () => relay.destroy());
    return relay;
  }

  private method(method: WireAuthMethod | false, client: number): unknown {
    if (method === false) return false;
    if (method.type !== 'signer') return method;
    const signer = async (data: Buffer, hash: string | undefined): Promise<Buffer> => {
      const answer = await this.ask<'signed'>({ op: 'sign', client, data, ...(hash ? { hash } : {}) });
      if (!answer.signature) throw new Error(answer.error ?? 'The key could not sign.');
      return asBuffer(answer.signature);
    };
    return { type: 'agent', username: method.username, agent: new MainSigner(asBuffer(method.publicKey), signer) };
  }

  private open(message: Extract<ToSessionProcess, { op: 'open' }>): void {
    const client = this.clients.get(message.client);
    const done = (error: Error | undefined, channel: ClientChannel): void => {
      if (error) return this.send({ op: 'failed', call: message.call, error: toWireError(error) });
      this.attach(channel, message.pipe, message.stderr);
      this.send({ op: 'opened', call: message.call });
    };
    if (!client) return this.send({ op: 'failed', call: message.call, error: { message: 'The SSH connection has ended.', code: 'ssh.not_connected' } });
    const request = message.request;
    try {
      if (request.kind === 'shell') client.shell(request.pty as never, done);
      else if (request.kind === 'exec') client.exec(request.command, request.options as never, done);
      else client.forwardOut(request.srcIp, request.srcPort, request.host, request.port, done);
    } catch (error) {
      this.send({ op: 'failed', call: message.call, error: toWireError(error) });
    }
  }

  /** Joins a channel to its two pipes; tells main it closed once every byte before the close has gone out. */
  private attach(channel: ClientChannel, outId: number, errId: number): void {
    const out = this.pipe(outId);
    const err = this.pipe(errId);
    this.channels.set(outId, channel);
    channel.pipe(out);
    out.pipe(channel);
    if (channel.stderr) channel.stderr.pipe(err);
    else err.end();
    channel.on('error', () => undefined); // its close follows and is what main hears
    channel.once('close', (...args: Array<number | string | null | undefined>) => {
      void Promise.allSettled([finished(out, { readable: false }), finished(err, { readable: false })]).then(() => {
        this.send({ op: 'channel-closed', pipe: outId, args: args.slice(0, 2) });
        this.channels.delete(outId);
        this.dropPipe(outId);
        this.dropPipe(errId);
      });
    });
  }

  private dropPipe(id: number): void {
    this.pipes.get(id)?.destroy();
    this.pipes.delete(id);
  }
}
