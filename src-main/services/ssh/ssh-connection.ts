import type { Client, ClientChannel, ExecOptions, PseudoTtyOptions } from 'ssh2';
import { AppError, isAppError } from '../errors/app-error';

/** Why an established connection ended, when it did not end on our request. */
export interface ConnectionLoss {
  readonly code: string;
  readonly message: string;
}

function channelOp<T>(start: (done: (error: Error | undefined, value: T) => void) => unknown, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start((error, value) => {
      if (error) reject(new AppError('ssh.channel_refused', `The jump box refused to ${what}: ${error.message}`, { cause: error }));
      else resolve(value);
    });
  });
}

/**
 * An authenticated SSH connection to a jump box (host key verified, credentials accepted). Opens
 * shells, exec channels and port-forwards, and reports its loss once.
 */
export class SshConnection {
  private ended = false;
  private closing = false;
  private loss: ConnectionLoss | undefined;
  private readonly closeListeners = new Set<(loss: ConnectionLoss | undefined) => void>();

  /**
   * Wraps a ready ssh2 client; `releaseTransport` closes what carried it (a Bastion session), and
   * `transportProblem` says why that carrier died, when it did (so a Bastion drop is named as one).
   */
  constructor(
    private readonly client: Client,
    readonly hostKeyFingerprint: string,
    private readonly releaseTransport: () => Promise<void>,
    private readonly transportProblem: () => ConnectionLoss | undefined = () => undefined,
  ) {
    client.on('error', (error: Error & { level?: string }) => {
      if (this.ended) return;
      this.loss = isAppError(error)
        ? { code: error.code, message: error.message }
        : error.level === 'client-timeout'
          ? { code: 'ssh.keepalive_timeout', message: 'The jump box stopped answering keepalives; the connection was declared lost.' }
          : { code: 'ssh.connection_lost', message: `The connection to the jump box was lost: ${error.message}` };
    });
    client.on('close', () => this.finish());
  }

  /** Whether the connection has ended. */
  get isClosed(): boolean {
    return this.ended;
  }

  /** Subscribes to the end of the connection (`loss` is undefined when we closed it); returns a disposer. */
  onDidClose(listener: (loss: ConnectionLoss | undefined) => void): () => void {
    if (this.ended) {
      queueMicrotask(() => listener(this.loss));
      return () => undefined;
    }
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** An interactive shell on a pseudo-terminal. */
  shell(window: PseudoTtyOptions): Promise<ClientChannel> {
    this.assertOpen();
    return channelOp<ClientChannel>((done) => this.client.shell(window, done), 'open a shell');
  }

  /** A command channel (no PTY unless asked). */
  exec(command: string, options: ExecOptions = {}): Promise<ClientChannel> {
    this.assertOpen();
    return channelOp<ClientChannel>((done) => this.client.exec(command, options, done), 'run a command');
  }

  /** A direct-tcpip channel: the jump box connects to host:port on our behalf. */
  forwardOut(sourceIp: string, sourcePort: number, host: string, port: number): Promise<ClientChannel> {
    this.assertOpen();
    return new Promise<ClientChannel>((resolve, reject) => {
      this.client.forwardOut(sourceIp, sourcePort, host, port, (error, channel) => {
        if (error) reject(new AppError('ssh.forward_failed', `The jump box could not connect to ${host}:${port} (${error.message}).`, { cause: error }));
        else resolve(channel);
      });
    });
  }

  /** Ends the connection and releases its transport. */
  async close(): Promise<void> {
    this.closing = true;
    if (!this.ended) {
      this.client.end();
      const closed = new Promise<void>((resolve) => this.onDidClose(() => resolve()));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([closed, timeout]);
      if (!this.ended) {
        this.client.destroy();
        this.finish();
      }
    }
    await this.releaseTransport();
  }

  private assertOpen(): void {
    if (this.ended) throw new AppError('ssh.not_connected', 'The SSH connection has ended.');
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    const loss = this.closing ? undefined : (this.transportProblem() ?? this.loss ?? { code: 'ssh.connection_closed', message: 'The jump box closed the connection.' });
    this.loss = loss;
    for (const listener of this.closeListeners) listener(loss);
    this.closeListeners.clear();
    void this.releaseTransport();
  }
}
