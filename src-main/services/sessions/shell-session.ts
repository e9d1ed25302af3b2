import type { ClientChannel } from 'ssh2';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import { HostKeyRefusedError, type HostKeyPrompts, describeTarget, onChannelClosed, type SshConnector, type SshTargetValue, type SshConnection } from '../ssh';
import { DEFAULT_TERMINAL_FLOW, TerminalOutput, type SharedOutputWindow, type TerminalFlowOptions } from './terminal-output';
import type { Session } from './session';
import { SessionEvents } from './session-events';
import type { SessionInfoValue } from './types';

/** What a shell session needs. */
export interface ShellSessionDeps {
  readonly connector: SshConnector;
  readonly prompts: HostKeyPrompts;
  readonly log: Logger;
  readonly flow?: TerminalFlowOptions;
  readonly now?: () => Date;
}

/**
 * One interactive shell on a jump box: a PTY (xterm-256color) over one SSH connection, its output
 * through the flow-controlled terminal data path, its state for the UI, and reconnect on request.
 * (Tabby's split: this is the session; the terminal frontend lives in the renderer.)
 */
export class ShellSession extends SessionEvents<SessionInfoValue> implements Session<SessionInfoValue> {

  private info: SessionInfoValue;
  private connection: SshConnection | undefined;
  private channel: ClientChannel | undefined;
  private abort: AbortController | undefined;
  private readonly output: TerminalOutput;
  private bytesOut = 0;
  private closedByOperator = false;
  private readonly now: () => Date;

  /** Creates the session (not yet connected). */
  constructor(
    readonly id: string,
    private target: SshTargetValue,
    label: string | undefined,
    size: { cols: number; rows: number },
    private readonly deps: ShellSessionDeps,
  ) {
    super();
    this.now = deps.now ?? (() => new Date());
    const where = describeTarget(target);
    this.info = {
      sessionId: id,
      label: label ?? `${target.username}@${where.host}`,
      route: target.route.kind,
      host: where.host,
      port: where.port,
      username: target.username,
      state: 'connecting',
      cols: size.cols,
      rows: size.rows,
      bytesIn: 0,
      bytesOut: 0,
      openedAt: this.now().toISOString(),
      reconnects: 0,
      ...(target.auth.method === 'password' ? { reconnectNeedsPassword: true } : {}),
    };
    this.output = new TerminalOutput(
      {
        flush: (data, bytes) => this.didData.fire({ data, bytes }),
        pause: () => this.channel?.pause(),
        resume: () => this.channel?.resume(),
      },
      deps.flow ?? DEFAULT_TERMINAL_FLOW,
    );
  }

  /** The current public state. */
  snapshot(): SessionInfoValue {
    return { ...this.info, bytesIn: this.output.counters().bytesIn, bytesOut: this.bytesOut };
  }

  /** Connects and opens the shell; resolves when it is open or has failed (the state says which). */
  async open(): Promise<void> {
    this.closedByOperator = false;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.update({ state: 'connecting', problem: undefined, hostKeyMismatch: undefined });
    try {
      const target = this.target;
      // A password is used for one sign-in and then forgotten; reconnecting asks the operator again.
      this.target = withoutPassword(target);
      const connection = await this.deps.connector.connect({
        target,
        requester: this.id,
        signal,
        onPhase: (phase) => this.update({ state: phase }),
      });
      if (signal.aborted) {
        await connection.close();
        return;
      }
      this.connection = connection;
      const channel = await connection.shell({ term: 'xterm-256color', cols: this.info.cols, rows: this.info.rows, height: 0, width: 0 });
      this.attach(channel, connection);
      this.update({ state: 'open', hostKeyFingerprint: connection.hostKeyFingerprint });
    } catch (error) {
      await this.connection?.close();
      this.connection = undefined;
      if (this.closedByOperator) return;
      const problem = isAppError(error) ? { code: error.code, message: error.message } : { code: 'ssh.failed', message: 'The session could not be opened; the log has the details.' };
      if (!isAppError(error)) this.deps.log.error('session failed', { error });
      this.update({
        state: 'failed',
        problem,
        hostKeyMismatch: error instanceof HostKeyRefusedError ? error.mismatch : undefined,
      });
    }
  }

  private attach(channel: ClientChannel, connection: SshConnection): void {
    this.channel = channel;
    this.output.reset();
    channel.on('data', (chunk: Buffer) => this.output.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => this.output.push(chunk));
    onChannelClosed(channel, (exit) => {
      if (this.channel !== channel) return;
      this.output.end();
      this.channel = undefined;
      this.didExit.fire({ sessionId: this.id, ...exit });
      if (this.connection === connection) this.connection = undefined;
      // A dropping connection reports its loss in this same turn; only a clean end is "ended" without a reason.
      setImmediate(() => {
        if (this.info.state !== 'failed' && this.info.state !== 'ended') this.update({ state: 'ended' });
        void connection.close();
      });
    });
    connection.onDidClose((loss) => {
      if (!loss || this.closedByOperator) return;
      this.update({ state: 'ended', problem: loss });
    });
  }

  /** Sends keystrokes or pasted text; false when the shell is not open. */
  write(data: string): boolean {
    const channel = this.channel;
    if (!channel || this.info.state !== 'open') return false;
    const bytes = Buffer.from(data, 'utf8');
    this.bytesOut += bytes.length;
    channel.write(bytes);
    return true;
  }

  /** Changes the PTY size. */
  resize(cols: number, rows: number): boolean {
    this.info = { ...this.info, cols, rows };
    if (!this.channel) return false;
    this.channel.setWindow(rows, cols, 0, 0);
    return true;
  }

  /** Puts this session's output behind the shared background window (or in front with undefined). */
  setBackgroundWindow(shared: SharedOutputWindow | undefined): void {
    this.output.setSharedWindow(shared);
  }

  /** The renderer has drawn `bytes` bytes. */
  ack(bytes: number): void {
    this.output.ack(bytes);
  }

  /** What this session connects to (the access check reads its route and VM before a reconnect). */
  connectTarget(): SshTargetValue {
    return this.target;
  }

  /** Supplies what the next reconnect needs: the password again for a password session (it was not kept). */
  prepareReconnect(password: string | undefined): void {
    if (this.target.auth.method !== 'password') return;
    if (!password) throw passwordNeeded();
    this.target = { ...this.target, auth: { method: 'password', password } };
  }

  /** Reconnects an ended or failed session (a new shell; the old one is gone). */
  async reconnect(): Promise<void> {
    if (this.info.state !== 'ended' && this.info.state !== 'failed') {
      throw new AppError('ssh.still_open', 'The session is still open or connecting.');
    }
    if (this.target.auth.method === 'password' && !this.target.auth.password) throw passwordNeeded();
    this.info = { ...this.info, reconnects: this.info.reconnects + 1 };
    await this.open();
  }

  /** Closes the shell and the connection; pending host-key questions are cancelled. */
  async close(): Promise<void> {
    this.closedByOperator = true;
    this.abort?.abort();
    this.deps.prompts.cancelFor(this.id);
    const channel = this.channel;
    this.channel = undefined;
    channel?.close();
    await this.connection?.close();
    this.connection = undefined;
    this.output.end();
    this.output.dispose();
    if (this.info.state !== 'ended' && this.info.state !== 'failed') this.update({ state: 'ended' });
  }

  /** Counters for tests and benchmarks. */
  counters(): { bytesIn: number; bytesOut: number; unacknowledged: number; paused: boolean } {
    return { ...this.output.counters(), bytesOut: this.bytesOut };
  }

  private update(patch: Partial<SessionInfoValue>): void {
    this.info = { ...this.info, ...patch };
    this.didChange.fire(this.snapshot());
  }
}

function passwordNeeded(): AppError {
  return new AppError('ssh.password_needed', 'Enter the password again to reconnect; the console does not keep it after signing in.');
}

/** The target with its password blanked (the method stays, so a reconnect knows to ask). */
function withoutPassword(target: SshTargetValue): SshTargetValue {
  return target.auth.method === 'password' ? { ...target, auth: { method: 'password', password: '' } } : target;
}
