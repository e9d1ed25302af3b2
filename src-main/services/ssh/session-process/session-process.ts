import type { Client } from 'ssh2';
import type { Logger } from '../../log';
import type { SshClientHost } from '../ports';
import { AppError } from '../../errors';
import { BytePipe, PipeSide, type SendBudget } from './byte-pipe';
import type { SessionProcessHandle, SessionProcessLauncher } from './launcher';
import { isFromSessionProcess, type ChannelRequest, type FromSessionProcess, type PipeMessage, type ToSessionProcess } from './messages';
import { fromWireError, RemoteChannel, RemoteSocket, RemoteSshClient, type ClientLink } from './remote-ssh-client';

/** The error every connection of a session process that went away ends with. */
export function sessionProcessLost(): AppError {
  return new AppError('ssh.session_process_lost', 'The console\'s session process stopped unexpectedly, and the connection with it. Reconnect to open it again (a new session process starts).');
}

interface Call {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Main's link to the session process, the process that runs every SSH client, socket and channel
 * so that decrypting a burst of output never delays the window's requests. Started on first use;
 * when it ends unexpectedly, every connection it held is lost (its sessions say so and can be
 * reconnected) and the next connection starts a new one. Implements the connector's `SshClientHost`.
 */
export class SessionProcess implements ClientLink {
  private handle: SessionProcessHandle | undefined;
  private nextId = 1;
  private disposed = false;
  private readonly calls = new Map<number, Call>();
  private readonly clients = new Map<number, RemoteSshClient>();
  private readonly pipes = new Map<number, BytePipe>();
  private readonly channels = new Map<number, RemoteChannel>();
  private restarts = 0;
  /** Whether the running process has said it is up: one that ends before that could not start. */
  private greeted = false;
  /** This side's pipes' shared budget and credit, new with each process. */
  private side = new PipeSide((message) => this.post(message));

  /** A link that starts processes with `launch`. */
  constructor(
    private readonly launch: SessionProcessLauncher,
    private readonly log: Logger,
  ) {}

  /** The running process's id (none before the first connection or after it ended). */
  get pid(): number | undefined {
    return this.handle?.pid;
  }

  /** A new client, connected in the process when `connect` is called. */
  createClient(): RemoteSshClient {
    const client = new RemoteSshClient(this.nextId++, this);
    this.clients.set(client.id, client);
    client.once('close', () => this.clients.delete(client.id));
    return client;
  }

  /** A TCP connection to a jump box, opened and held by the process. */
  async dial(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<RemoteSocket> {
    const socket = this.nextId++;
    const onAbort = (): void => this.post({ op: 'cancel-dial', socket });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.call((call) => ({ op: 'dial', call, socket, host, port, timeoutMs }));
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return new RemoteSocket(socket, this);
  }

  /**
   * Sends a message about something the running process holds. With no process running it is
   * dropped: what it refers to ended with the process that held it (a new process must not be
   * started to hear about it).
   */
  post(message: ToSessionProcess): void {
    this.handle?.post(message);
  }

  /** Sends a message that starts something (a connection), starting the process first if none runs. */
  begin(message: ToSessionProcess): void {
    this.started().post(message);
  }

  /** Posts a pipe message (the pipes' link). */
  send(message: PipeMessage): void {
    this.post(message);
  }

  /** The in-flight limit main's pipes share (the pipes' link). */
  get budget(): SendBudget {
    return this.side.budget;
  }

  /** Data arrived on one of main's pipes (the pipes' link): credited once per turn. */
  received(bytes: number): void {
    this.side.received(bytes);
  }

  /** A pipe registered under a fresh id. */
  openPipe(): BytePipe {
    const pipe = new BytePipe(this.nextId++, this);
    this.pipes.set(pipe.id, pipe);
    return pipe;
  }

  /** Forgets a pipe. */
  dropPipe(id: number): void {
    this.pipes.delete(id);
  }

  /** Opens a channel on a client of the process. */
  async openChannel(client: number, request: ChannelRequest): Promise<RemoteChannel> {
    const stderr = this.openPipe();
    const channel = new RemoteChannel(this.nextId++, stderr, this);
    this.pipes.set(channel.id, channel);
    this.channels.set(channel.id, channel);
    try {
      await this.call((call) => ({ op: 'open', call, client, pipe: channel.id, stderr: stderr.id, request }), { start: false });
      return channel;
    } catch (error) {
      this.forgetChannel(channel);
      throw error;
    }
  }

  /** Stops the process (quit): whatever it still held ends with it. */
  dispose(): void {
    this.disposed = true;
    const handle = this.handle;
    if (handle) this.ended(handle, 'disposed');
    handle?.kill();
  }

  /**
   * Asks the process and waits for its answer. `start: false` for a question about something a
   * process holds (a client's channel): with none running it fails at once instead of starting one.
   */
  private call(message: (call: number) => ToSessionProcess, { start = true } = {}): Promise<void> {
    if (!start && !this.handle) return Promise.reject(sessionProcessLost());
    const call = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.calls.set(call, { resolve, reject });
      try {
        this.begin(message(call));
      } catch (error) {
        this.calls.delete(call);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private started(): SessionProcessHandle {
    if (this.disposed) throw new AppError('sessions.disposed', 'The console is shutting down.');
    if (this.handle) return this.handle;
    let handle: SessionProcessHandle;
    try {
      handle = this.launch();
    } catch (error) {
      this.log.error('the session process could not start', { error });
      throw new AppError('ssh.session_process_failed', 'The console\'s session process could not start; the log has the details.', { cause: error });
    }
    this.handle = handle;
    this.greeted = false;
    if (this.restarts++ > 0) this.log.info('started a new session process', { pid: handle.pid });
    handle.onMessage((message) => {
      if (this.handle === handle) this.route(message);
    });
    handle.onExit((code) => {
      if (this.handle === handle) this.ended(handle, code);
    });
    return handle;
  }

  /** Every call, client and channel of `handle` ends; the next use starts a new process. */
  private ended(handle: SessionProcessHandle, code: number | null | 'disposed'): void {
    if (this.handle !== handle) return;
    this.handle = undefined;
    this.side = new PipeSide((message) => this.post(message));
    if (code === 'disposed') {
      // Quit: nothing to report.
    } else if (this.greeted) this.log.warn('the session process ended', { pid: handle.pid, code, connections: this.clients.size });
    else this.log.error('the session process ended before it started', { pid: handle.pid, code });
    const lost =
      code === 'disposed'
        ? new AppError('sessions.disposed', 'The console is shutting down.')
        : this.greeted
          ? sessionProcessLost()
          : new AppError('ssh.session_process_failed', 'The console\'s session process could not start; the log has the details.');
    const calls = [...this.calls.values()];
    const clients = [...this.clients.values()];
    const channels = [...this.channels.values()];
    const pipes = [...this.pipes.values()];
    this.calls.clear();
    this.clients.clear();
    this.channels.clear();
    this.pipes.clear();
    for (const call of calls) call.reject(lost);
    // Connections first, then their channels, all in this turn: a session hears its connection's
    // loss (with the reason) in the same turn as its channel's end.
    for (const client of clients) client.lost(lost);
    for (const channel of channels) channel.lost();
    for (const pipe of pipes) pipe.destroy();
  }

  private route(message: unknown): void {
    if (!isFromSessionProcess(message)) {
      this.log.warn('ignored a malformed message from the session process');
      return;
    }
    if (this.side.deliver(message, this.pipes)) return;
    switch (message.op) {
      case 'hello':
        this.greeted = true;
        return;
      case 'dialed':
      case 'opened':
      case 'failed': {
        const call = this.calls.get(message.call);
        this.calls.delete(message.call);
        if (message.op === 'failed') call?.reject(fromWireError(message.error));
        else call?.resolve();
        return;
      }
      case 'verify':
      case 'auth':
      case 'sign':
        this.answer(message);
        return;
      case 'ready':
      case 'handshake':
      case 'hostkeys':
      case 'error':
      case 'close':
        this.clients.get(message.client)?.fromProcess(message);
        return;
      case 'channel-closed': {
        const channel = this.channels.get(message.pipe);
        if (!channel) return;
        this.forgetChannel(channel);
        channel.closedRemotely(message.args);
        return;
      }
      case 'log':
        this.log[message.level](`session process: ${message.message}`, message.fields);
        return;
    }
  }

  /** The process's questions, answered by the client's own verifier, handler and key (refused for a client main no longer has). */
  private answer(message: Extract<FromSessionProcess, { op: 'verify' | 'auth' | 'sign' }>): void {
    const client = this.clients.get(message.client);
    const call = message.call;
    const post = (reply: ToSessionProcess): void => {
      if (this.handle) this.post(reply);
    };
    if (message.op === 'verify') {
      void (client?.verify(message.key) ?? Promise.resolve(false)).then((ok) => post({ op: 'verified', call, ok }));
    } else if (message.op === 'auth') {
      void (client?.authenticate(message.methodsLeft, message.partial) ?? Promise.resolve(false as const)).then((method) => post({ op: 'auth-method', call, method }));
    } else {
      const signature = client?.sign(message.data, message.hash) ?? new Error('The connection has ended.');
      post(signature instanceof Error ? { op: 'signed', call, error: signature.message } : { op: 'signed', call, signature });
    }
  }

  private forgetChannel(channel: RemoteChannel): void {
    this.channels.delete(channel.id);
    this.pipes.delete(channel.id);
    this.pipes.delete(channel.stderr.id);
  }
}

/** The session process as the connector's `SshClientHost` (its client proxies have ssh2's `Client` surface as the console uses it). */
export function sessionProcessClients(sessions: SessionProcess): SshClientHost {
  return {
    createClient: () => sessions.createClient() as unknown as Client,
    dial: (host, port, timeoutMs, signal) => sessions.dial(host, port, timeoutMs, signal),
    serverOfferOf: (client) => ((client as unknown) instanceof RemoteSshClient ? (client as unknown as RemoteSshClient).serverOffer() : undefined),
  };
}
