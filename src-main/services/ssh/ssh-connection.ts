import type { Client, ClientChannel, ExecOptions, PseudoTtyOptions } from 'ssh2';
import { AppError, isAppError } from '../errors';
import { type Disposable, Emitter } from '../events';

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
  /** Set when the console itself ended the connection for a reason (a host key changed mid-session). */
  private abortedWith: ConnectionLoss | undefined;
  private keyExchanges = 0;
  private rekeyTimer: NodeJS.Timeout | undefined;
  private readonly closes = new Emitter<[loss: ConnectionLoss | undefined]>();

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
    client.on('handshake', () => (this.keyExchanges += 1));
    client.on('error', (error: Error & { level?: string }) => {
      if (this.ended || this.abortedWith) return;
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

  /** Key re-exchanges completed since the connection was ready (server- or client-initiated). */
  get rekeys(): number {
    return this.keyExchanges;
  }

  /**
   * Starts a key re-exchange from our side (RFC 4253 §9); resolves once the new keys are in use. The
   * host key is checked again as at every exchange.
   */
  rekey(): Promise<void> {
    this.assertOpen();
    return new Promise<void>((resolve, reject) => {
      const done = this.keyExchanges + 1;
      const onHandshake = (): void => {
        if (this.keyExchanges < done) return;
        off();
        resolve();
      };
      const offClose = this.onDidClose((loss) => {
        off();
        reject(new AppError(loss?.code ?? 'ssh.not_connected', loss?.message ?? 'The SSH connection ended during the key re-exchange.'));
      });
      const off = (): void => {
        this.client.off('handshake', onHandshake);
        offClose();
      };
      // Registered after the counter's own listener, so keyExchanges already includes this exchange.
      this.client.on('handshake', onHandshake);
      // ssh2 1.17's Client has no public rekey(); its protocol object does (a running exchange is joined).
      const protocol = (this.client as unknown as { _protocol?: { rekey(): void } })._protocol;
      if (!protocol) {
        off();
        reject(new AppError('ssh.rekey_failed', 'The key re-exchange could not start: the SSH client has no protocol state.'));
        return;
      }
      protocol.rekey();
    });
  }

  /** Re-exchanges keys from our side every `ms` until the connection ends (a failed attempt surfaces as the connection's loss). */
  rekeyEvery(ms: number): void {
    clearInterval(this.rekeyTimer);
    this.rekeyTimer = setInterval(() => void this.rekey().catch(() => undefined), ms);
    this.rekeyTimer.unref?.();
  }

  /** Ends the connection because of `loss` (reported to close listeners as is). */
  abort(loss: ConnectionLoss): void {
    if (this.ended || this.abortedWith) return;
    this.abortedWith = loss;
    this.client.destroy();
  }

  /** Subscribes to the end of the connection (`loss` is undefined when we closed it); returns a disposer. */
  onDidClose(listener: (loss: ConnectionLoss | undefined) => void): Disposable {
    if (this.ended) {
      queueMicrotask(() => listener(this.loss));
      return () => undefined;
    }
    return this.closes.event(listener);
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
        if (error) reject(new AppError('ssh.forward_failed', `The jump box could not connect to ${host}:${port} (${error.message}).`, { cause: error, params: { target: `${host}:${port}` } }));
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
    clearInterval(this.rekeyTimer);
    const loss = this.abortedWith ?? (this.closing ? undefined : this.transportProblem() ?? this.loss ?? { code: 'ssh.connection_closed', message: 'The jump box closed the connection.' });
    this.loss = loss;
    this.closes.fire(loss);
    this.closes.dispose();
    void this.releaseTransport();
  }
}
