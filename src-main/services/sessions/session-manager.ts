import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { TunnelVia } from '../../ipc/contract/ssh';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import type { HostKeyPrompts, BastionTunnels, SshConnector, SshTargetValue } from '../ssh';
import { DEFAULT_BACKGROUND_WINDOW, SharedOutputWindow, type TerminalFlowOptions } from './terminal-output';
import { BastionTunnel } from './bastion-tunnel';
import { ShellSession } from './shell-session';
import { LocalShellSession } from './local-shell-session';
import type { PtySpawner, PtySpawnSpec } from './pty-port';
import { SshForwardTunnel, type TunnelTimings } from './ssh-forward-tunnel';
import { type Disposable, Emitter, type Event } from '../events';
import { ignoreListenerError } from './session-events';
import type { SessionExit, SessionInfoValue, TunnelInfoValue } from './types';

/** How a tunnel reaches its target, as the contract describes it. */
export type TunnelViaValue = z.output<typeof TunnelVia>;

/** One batch of a session's output, tagged with its session id. */
export interface SessionOutput {
  readonly sessionId: string;
  readonly data: string;
  readonly bytes: number;
}

/** What is about to be opened: the check every open and reconnect passes first sees this. */
export type OpenRequest = { readonly kind: 'session'; readonly target: SshTargetValue } | { readonly kind: 'tunnel'; readonly name: string; readonly via: TunnelViaValue };

/** A policy check (JIT before SSH) every session and tunnel passes before anything connects; throws an AppError to refuse. */
export interface AccessGuard {
  assertMayOpen(request: OpenRequest): Promise<void>;
}

/** An open refused before anything connected (limits, shutdown, policy), for the audit trail. */
export interface OpenRefusal {
  readonly request: OpenRequest;
  readonly problem: { readonly code: string; readonly message: string };
}

/** What the session manager needs. */
export interface SessionManagerDeps {
  readonly connector: SshConnector;
  readonly prompts: HostKeyPrompts;
  readonly bastion?: BastionTunnels;
  readonly log: Logger;
  readonly flow?: TerminalFlowOptions;
  readonly tunnelTimings?: TunnelTimings;
  /** Most shells open at once (a runaway renderer cannot exhaust the main process). */
  readonly maxSessions?: number;
  readonly maxTunnels?: number;
  /** Checked before every session, tunnel and reconnect (absent: nothing to check). */
  readonly access?: AccessGuard;
}

type Tunnel = SshForwardTunnel | BastionTunnel;
/** A terminal tab's session: an SSH shell on a jump box, or a local shell (the kubectl terminal). */
export type TerminalSession = ShellSession | LocalShellSession;

/** A local shell to open: what to run, where the tab says it reaches, and what to clean up when it ends. */
export interface LocalSessionRequest {
  readonly spec: Omit<PtySpawnSpec, 'cols' | 'rows'>;
  readonly label: string;
  readonly where: { host: string; port: number; username: string };
  readonly spawn: PtySpawner;
  readonly onEnd: () => Promise<void>;
}

/**
 * Owns every shell session and every named tunnel of the running app: opens, lists and closes
 * them, closes all of them on sign-out or idle lock, and leaves nothing behind on dispose().
 * A tunnel keeps its local port for the app's lifetime, also across close and reopen by name.
 */
export class SessionManager {
  private readonly didChangeSession = new Emitter<[info: SessionInfoValue]>(ignoreListenerError);
  private readonly didData = new Emitter<[output: SessionOutput]>(ignoreListenerError);
  private readonly didExit = new Emitter<[exit: SessionExit]>(ignoreListenerError);
  private readonly didChangeTunnel = new Emitter<[info: TunnelInfoValue]>(ignoreListenerError);
  private readonly didRefuse = new Emitter<[refusal: OpenRefusal]>(ignoreListenerError);

  /** Every change of a session's public state. */
  readonly onDidChangeSession: Event<[info: SessionInfoValue]> = this.didChangeSession.event;
  /** Each session's change count: events raise it, reads carry it (see `SessionInfo.revision`). */
  private readonly revisions = new Map<string, number>();
  /** Every session's output batches, in order, tagged with its id. */
  readonly onDidData: Event<[output: SessionOutput]> = this.didData.event;
  /** A session's end. */
  readonly onDidExit: Event<[exit: SessionExit]> = this.didExit.event;
  /** Every change of a tunnel's public state. */
  readonly onDidChangeTunnel: Event<[info: TunnelInfoValue]> = this.didChangeTunnel.event;
  /** An open or reconnect refused before anything connected (the state events never start). */
  readonly onDidRefuse: Event<[refusal: OpenRefusal]> = this.didRefuse.event;

  private readonly sessions = new Map<string, { session: TerminalSession; unsubscribe: Disposable[] }>();
  private readonly tunnels = new Map<string, { tunnel: Tunnel; via: TunnelViaValue; unsubscribe: Disposable }>();
  private readonly portsByName = new Map<string, number>();
  private readonly openedTargets: SshTargetValue[] = [];
  private readonly log: Logger;
  private disposed = false;
  /** The window every session not in front shares, once the renderer has said which one is in front. */
  private readonly background: SharedOutputWindow;
  /** The session in front: undefined until the renderer says (then every session keeps its own window), null for none. */
  private focused: string | null | undefined;

  /** Creates the manager with its ports. */
  constructor(private readonly deps: SessionManagerDeps) {
    this.log = deps.log.child('sessions');
    this.background = new SharedOutputWindow(DEFAULT_BACKGROUND_WINDOW.limitBytes, DEFAULT_BACKGROUND_WINDOW.resumeBelowBytes);
  }

  /**
   * The session the operator is looking at (null: none, e.g. another screen is shown). It keeps its
   * own flow-control window; all others share one small window, so busy background terminals
   * cannot queue megabytes ahead of the keystroke echo in front. An unknown id counts as none.
   */
  focus(sessionId: string | null): void {
    this.focused = sessionId !== null && this.sessions.has(sessionId) ? sessionId : null;
    for (const [id, { session }] of this.sessions) session.setBackgroundWindow(id === this.focused ? undefined : this.background);
  }

  /** Opens a shell once the access check passes; resolves with state `connecting` (progress and prompts arrive as events). */
  async openSession(target: SshTargetValue, size: { cols: number; rows: number }, label?: string): Promise<SessionInfoValue> {
    await this.admit({ kind: 'session', target }, () => {
      if (this.sessions.size >= (this.deps.maxSessions ?? 64)) throw new AppError('ssh.too_many_sessions', 'Too many sessions are open; close some before opening another.');
    });
    const id = randomUUID();
    const session = new ShellSession(id, target, label, size, {
      connector: this.deps.connector,
      prompts: this.deps.prompts,
      log: this.log,
      flow: this.deps.flow,
    });
    session.onDidChange((info) => info.state === 'open' && this.remember(target));
    return this.adopt(id, session);
  }

  /** Opens a local shell in a terminal tab (the kubectl terminal); same events and limits as an SSH shell. */
  openLocalSession(request: LocalSessionRequest, size: { cols: number; rows: number }): SessionInfoValue {
    this.assertLive();
    if (this.sessions.size >= (this.deps.maxSessions ?? 64)) {
      throw new AppError('ssh.too_many_sessions', 'Too many sessions are open; close some before opening another.');
    }
    const id = randomUUID();
    return this.adopt(id, new LocalShellSession(id, request.spec, request.label, request.where, size, request.spawn, request.onEnd, this.deps.flow));
  }

  private adopt(id: string, session: TerminalSession): SessionInfoValue {
    const unsubscribe = [
      session.onDidChange((info) => this.changed(info)),
      session.onDidData(({ data, bytes }) => this.didData.fire({ sessionId: id, data, bytes })),
      session.onDidExit((exit) => this.didExit.fire(exit)),
    ];
    this.sessions.set(id, { session, unsubscribe });
    if (this.focused !== undefined) session.setBackgroundWindow(this.background);
    void session.open();
    return this.current(session.snapshot());
  }

  private changed(info: SessionInfoValue): void {
    const revision = (this.revisions.get(info.sessionId) ?? 0) + 1;
    this.revisions.set(info.sessionId, revision);
    this.didChangeSession.fire({ ...info, revision });
  }

  private current(info: SessionInfoValue): SessionInfoValue {
    return { ...info, revision: this.revisions.get(info.sessionId) ?? 0 };
  }

  private remember(target: SshTargetValue): void {
    const key = JSON.stringify({ route: target.route, username: target.username, vm: target.vmResourceId });
    const index = this.openedTargets.findIndex((t) => JSON.stringify({ route: t.route, username: t.username, vm: t.vmResourceId }) === key);
    if (index >= 0) this.openedTargets.splice(index, 1);
    this.openedTargets.unshift(target);
    this.openedTargets.length = Math.min(this.openedTargets.length, 32);
  }

  /** Targets that reached an open shell in this run, most recent first (how the checklist signs in to a jump box). */
  recentTargets(): readonly SshTargetValue[] {
    return this.openedTargets;
  }

  /** A session by id, or a clear error. */
  session(id: string): TerminalSession {
    const entry = this.sessions.get(id);
    if (!entry) throw new AppError('ssh.unknown_session', 'This session no longer exists.');
    return entry.session;
  }

  /** True while a session with this id is held. */
  has(id: string): boolean {
    return this.sessions.has(id);
  }

  /** Every session. */
  listSessions(): SessionInfoValue[] {
    return [...this.sessions.values()].map((e) => this.current(e.session.snapshot()));
  }

  /** Closes and forgets one session. */
  async closeSession(id: string): Promise<boolean> {
    const entry = this.sessions.get(id);
    if (!entry) return false;
    this.sessions.delete(id);
    await entry.session.close();
    this.changed(entry.session.snapshot());
    this.revisions.delete(id);
    for (const off of entry.unsubscribe) off();
    return true;
  }

  /** Opens a named tunnel once the access check passes; a name already open is refused. */
  async openTunnel(name: string, via: TunnelViaValue, localPort?: number): Promise<TunnelInfoValue> {
    const request: OpenRequest = { kind: 'tunnel', name, via };
    await this.admit(request, () => {
      if (this.tunnels.has(name)) throw new AppError('tunnels.name_taken', `A tunnel named "${name}" is already open.`, { params: { name } });
      if (this.tunnels.size >= (this.deps.maxTunnels ?? 32)) throw new AppError('tunnels.too_many', 'Too many tunnels are open.');
    });
    const tunnel = this.createTunnel(name, via);
    const unsubscribe = tunnel.onDidChange((info) => this.didChangeTunnel.fire(info));
    this.tunnels.set(name, { tunnel, via, unsubscribe });
    try {
      await tunnel.open(localPort ?? this.portsByName.get(name) ?? 0);
    } catch (error) {
      this.tunnels.delete(name);
      unsubscribe();
      await tunnel.close().catch(() => undefined);
      this.refuse(request, error);
      throw error;
    }
    const info = tunnel.snapshot();
    this.portsByName.set(name, info.localPort);
    return info;
  }

  private createTunnel(name: string, via: TunnelViaValue): Tunnel {
    if (via.kind === 'ssh') {
      return new SshForwardTunnel(name, via.target, via.remoteHost, via.remotePort, {
        connector: this.deps.connector,
        prompts: this.deps.prompts,
        log: this.log,
        timings: this.deps.tunnelTimings,
        mayReconnect: async () => this.deps.access?.assertMayOpen({ kind: 'tunnel', name, via }),
      });
    }
    const bastion = this.deps.bastion;
    if (!bastion) throw new AppError('tunnels.bastion_unavailable', 'Bastion tunnels are not available in this build.');
    const target =
      via.kind === 'bastion'
        ? { kind: 'resource' as const, resourceId: via.targetResourceId, port: via.port }
        : { kind: 'ip' as const, ip: via.targetIp, port: via.port };
    return new BastionTunnel(name, { bastionId: via.bastionId, target }, bastion, this.log);
  }

  /** A tunnel by name, or a clear error. */
  tunnel(name: string): Tunnel {
    const entry = this.tunnels.get(name);
    if (!entry) throw new AppError('tunnels.unknown', `No tunnel named "${name}" is open.`, { params: { name } });
    return entry.tunnel;
  }

  /** Runs the access check again for an open tunnel (a kubeconfig context through it outlives the check at open). */
  async recheckTunnel(name: string): Promise<void> {
    const entry = this.tunnels.get(name);
    if (!entry) throw new AppError('tunnels.unknown', `No tunnel named "${name}" is open.`, { params: { name } });
    await this.deps.access?.assertMayOpen({ kind: 'tunnel', name, via: entry.via });
  }

  /** Every tunnel. */
  listTunnels(): TunnelInfoValue[] {
    return [...this.tunnels.values()].map((e) => e.tunnel.snapshot());
  }

  /** Closes and forgets one tunnel (its port stays reserved for the name). */
  async closeTunnel(name: string): Promise<boolean> {
    const entry = this.tunnels.get(name);
    if (!entry) return false;
    this.tunnels.delete(name);
    await entry.tunnel.close();
    entry.unsubscribe();
    return true;
  }

  /** Closes every session and tunnel (sign-out, idle lock); returns how many of each. */
  async closeAll(): Promise<{ sessions: number; tunnels: number }> {
    const sessionIds = [...this.sessions.keys()];
    const tunnelNames = [...this.tunnels.keys()];
    await Promise.all([...sessionIds.map((id) => this.closeSession(id)), ...tunnelNames.map((name) => this.closeTunnel(name))]);
    if (sessionIds.length + tunnelNames.length > 0) this.log.info('closed all', { sessions: sessionIds.length, tunnels: tunnelNames.length });
    return { sessions: sessionIds.length, tunnels: tunnelNames.length };
  }

  /** Closes everything and refuses new work. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await this.closeAll();
    this.didChangeSession.dispose();
    this.didData.dispose();
    this.didExit.dispose();
    this.didChangeTunnel.dispose();
    this.didRefuse.dispose();
  }

  /** Reconnects an ended or failed session once the access check passes again (a JIT grant may have ended). */
  async reconnectSession(id: string, password?: string): Promise<SessionInfoValue> {
    const session = this.session(id);
    const state = session.snapshot().state;
    if (state !== 'ended' && state !== 'failed') throw new AppError('ssh.still_open', 'The session is still open or connecting.');
    if (session instanceof LocalShellSession) return session.reconnect().then(() => this.current(session.snapshot()));
    await this.admit({ kind: 'session', target: session.connectTarget() }, () => undefined);
    session.prepareReconnect(password);
    void session.reconnect();
    return this.current(session.snapshot());
  }

  /** Limits, then the access check: a refusal is announced on `onDidRefuse` and thrown. */
  private async admit(request: OpenRequest, limits: () => void): Promise<void> {
    try {
      this.assertLive();
      limits();
      await this.deps.access?.assertMayOpen(request);
    } catch (error) {
      this.refuse(request, error);
      throw error;
    }
  }

  private refuse(request: OpenRequest, error: unknown): void {
    const problem = isAppError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: 'The connection could not be opened.' };
    this.didRefuse.fire({ request, problem });
  }

  private assertLive(): void {
    if (this.disposed) throw new AppError('sessions.disposed', 'The console is shutting down.');
  }
}
