import { AppError } from '../errors';
import { DEFAULT_TERMINAL_FLOW, TerminalOutput, type SharedOutputWindow, type TerminalFlowOptions } from './terminal-output';
import type { PtyProcess, PtySpawner, PtySpawnSpec } from './pty-port';
import type { Session } from './session';
import { SessionEvents } from './session-events';
import type { SessionExit, SessionInfoValue } from './types';

/**
 * A shell on this workstation (the kubectl terminal): a local PTY whose bytes take the same
 * flow-controlled path and events as an SSH shell, so the renderer's terminal (paste firewall,
 * destructive-command guard) treats it like any other tab. It cannot reconnect: `onEnd` cleans up
 * what the tab owned (its kubeconfig) once the shell is gone.
 */
export class LocalShellSession extends SessionEvents<SessionInfoValue> implements Session<SessionInfoValue> {

  private info: SessionInfoValue;
  private child: PtyProcess | undefined;
  private readonly output: TerminalOutput;
  private bytesOut = 0;

  /** Creates the session (not yet started). */
  constructor(
    readonly id: string,
    private readonly spec: Omit<PtySpawnSpec, 'cols' | 'rows'>,
    label: string,
    where: { host: string; port: number; username: string },
    size: { cols: number; rows: number },
    private readonly spawn: PtySpawner,
    private readonly onEnd: () => Promise<void>,
    flow: TerminalFlowOptions = DEFAULT_TERMINAL_FLOW,
  ) {
    super();
    this.info = { sessionId: id, label, route: 'local', ...where, state: 'connecting', cols: size.cols, rows: size.rows, bytesIn: 0, bytesOut: 0, openedAt: new Date().toISOString(), reconnects: 0 };
    this.output = new TerminalOutput({ flush: (data, bytes) => this.didData.fire({ data, bytes }), pause: () => this.child?.pause(), resume: () => this.child?.resume() }, flow);
  }

  /** The current public state. */
  snapshot(): SessionInfoValue {
    return { ...this.info, bytesIn: this.output.counters().bytesIn, bytesOut: this.bytesOut };
  }

  /** Starts the shell. */
  async open(): Promise<void> {
    try {
      const child = this.spawn({ ...this.spec, cols: this.info.cols, rows: this.info.rows });
      this.child = child;
      child.onData((data) => this.output.push(Buffer.from(data, 'utf8')));
      child.onExit(({ exitCode, signal }) => void this.ended({ sessionId: this.id, exitCode, ...(signal ? { signal: String(signal) } : {}) }));
      this.update({ state: 'open' });
    } catch (error) {
      this.update({ state: 'failed', problem: { code: 'kubectl.terminal_failed', message: `The local shell could not start: ${(error as Error).message}` } });
      await this.onEnd();
    }
  }

  /** Sends keystrokes or pasted text; false when the shell is not running. */
  write(data: string): boolean {
    if (!this.child || this.info.state !== 'open') return false;
    this.bytesOut += Buffer.byteLength(data, 'utf8');
    this.child.write(data);
    return true;
  }

  /** Changes the PTY size. */
  resize(cols: number, rows: number): boolean {
    this.info = { ...this.info, cols, rows };
    if (!this.child) return false;
    this.child.resize(cols, rows);
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

  /** A local shell has no password to supply. */
  prepareReconnect(): void {}

  /** A kubectl terminal is not reopened in place: its kubeconfig went with it. */
  async reconnect(): Promise<void> {
    throw new AppError('kubectl.terminal_ended', 'This kubectl terminal has ended; open a new one from the cluster.');
  }

  /** Ends the shell and removes what the tab owned. */
  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    child?.kill();
    this.output.end();
    this.output.dispose();
    await this.ended({ sessionId: this.id });
  }

  /** Counters for tests and benchmarks. */
  counters(): { bytesIn: number; bytesOut: number; unacknowledged: number; paused: boolean } {
    return { ...this.output.counters(), bytesOut: this.bytesOut };
  }

  private ending: Promise<void> | undefined;

  private ended(exit: SessionExit): Promise<void> {
    this.ending ??= (async () => {
      this.output.end();
      this.child = undefined;
      this.didExit.fire(exit);
      if (this.info.state !== 'failed') this.update({ state: 'ended' });
      await this.onEnd();
    })();
    return this.ending;
  }

  private update(patch: Partial<SessionInfoValue>): void {
    this.info = { ...this.info, ...patch };
    this.didChange.fire(this.snapshot());
  }
}
