/**
 * Routes each session's output (from its data port) to its pane, and gives the pane the port to
 * send on. A pane's attach opens the port; output that arrives while no pane is attached is held
 * until one is; main's flow control bounds how much that can be, since nothing is acknowledged
 * until xterm has parsed it.
 *
 * A page that starts while sessions are open (a reload, or a renderer that crashed) takes them
 * over with `ssh.reattach`: main answers with their ids and sends each one's recent output as
 * `ssh.replay` before it answers. Ports open only after that answer, so output on a port is newer than
 * the replay; output of such a session that would come before its replay is dropped, so nothing shows twice.
 */
import type { EventPayload, PortOutput } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';
import { openSessionPort, type SessionPort } from './session-port';

/** One batch of a session's output: decoded text and the raw bytes to acknowledge (0: never acknowledged). */
export interface Chunk {
  readonly sessionId: string;
  readonly data: string;
  readonly bytes: number;
}
/** Opens a session's port (absent: no bridge, as in unit tests; the pane then sends nothing). */
export type PortFactory = (sessionId: string, onOutput: (frame: PortOutput) => void, onFailed: (error: unknown) => void) => SessionPort;
/** A refusal main sent on the port, or its failure to open (the pane shows it where it shows a failed write). */
export type Refusal = (problem: { code: string; message: string } | unknown) => void;

type Replay = EventPayload<'ssh.replay'>;
type Consumer = (chunk: Chunk) => void;
type Early = { kind: 'data'; chunk: Chunk } | { kind: 'replay'; replay: Replay };

/** Holds and routes output per session. */
export class SessionOutputRouter {
  private readonly consumers = new Map<string, Consumer>();
  private readonly ports = new Map<string, SessionPort>();
  private readonly refusals = new Map<string, Refusal>();
  /** Ports asked for while a takeover is outstanding: opened once it has answered. */
  private deferred = new Set<string>();

  /** Creates the router; `openPort` connects a session's data port. */
  constructor(private readonly openPort?: PortFactory) {}
  private readonly held = new Map<string, Chunk[]>();
  /** Events received while `ssh.reattach` is outstanding, in order (undefined when none is). */
  private early: Early[] | undefined;
  /** Sessions whose replay has not arrived yet. */
  private readonly awaitingReplay = new Set<string>();

  /** Starts a takeover: events wait until `reattached` names the sessions main replays. */
  beginReattach(): void {
    this.early ??= [];
  }

  /** Main named the sessions it replays (none when the takeover failed); waiting events go through now. */
  reattached(sessionIds: readonly string[]): void {
    const early = this.early ?? [];
    this.early = undefined;
    for (const id of sessionIds) this.awaitingReplay.add(id);
    for (const e of early) {
      if (e.kind === 'data') this.deliver(e.chunk);
      else this.replay(e.replay);
    }
    const deferred = this.deferred;
    this.deferred = new Set();
    for (const id of deferred) this.connect(id);
  }

  /** Delivers one chunk (each output frame of a session's port). */
  deliver(chunk: Chunk): void {
    if (this.early) this.early.push({ kind: 'data', chunk });
    else if (!this.awaitingReplay.has(chunk.sessionId)) this.route(chunk);
  }

  /** Delivers a replay (called for each `ssh.replay` event); it is never acknowledged. */
  replay(replay: Replay): void {
    if (this.early) {
      this.early.push({ kind: 'replay', replay });
      return;
    }
    this.awaitingReplay.delete(replay.sessionId);
    // Output still held for a pane that never attached came before the replay, so the replay has it.
    this.held.delete(replay.sessionId);
    if (replay.data) this.route({ sessionId: replay.sessionId, data: replay.data, bytes: 0 });
  }

  private route(chunk: Chunk): void {
    const consumer = this.consumers.get(chunk.sessionId);
    if (consumer) consumer(chunk);
    else {
      const waiting = this.held.get(chunk.sessionId);
      if (waiting) waiting.push(chunk);
      else this.held.set(chunk.sessionId, [chunk]);
    }
  }

  /** The session's port (opened by its pane's attach); a session without one sends nothing. */
  port(sessionId: string): SessionPort {
    return this.ports.get(sessionId) ?? NO_PORT;
  }

  /** Attaches a pane and opens its session's port; held chunks are replayed first. Returns the detach function. */
  attach(sessionId: string, consumer: Consumer, onRefused?: Refusal): () => void {
    this.consumers.set(sessionId, consumer);
    if (onRefused) this.refusals.set(sessionId, onRefused);
    this.connect(sessionId);
    const waiting = this.held.get(sessionId) ?? [];
    this.held.delete(sessionId);
    for (const chunk of waiting) consumer(chunk);
    return () => {
      if (this.consumers.get(sessionId) === consumer) this.consumers.delete(sessionId);
      if (this.refusals.get(sessionId) === onRefused) this.refusals.delete(sessionId);
    };
  }

  /** Opens the port of every attached pane that has none (after an unlock: an open refused while locked). */
  reconnect(): void {
    for (const id of this.consumers.keys()) this.connect(id);
  }

  private connect(sessionId: string): void {
    if (!this.openPort || this.ports.has(sessionId)) return;
    if (this.early) {
      this.deferred.add(sessionId);
      return;
    }
    const port = this.openPort(
      sessionId,
      (frame) => {
        if ('refused' in frame) this.refusals.get(sessionId)?.(frame.refused);
        else this.deliver({ sessionId, data: frame.data, bytes: frame.bytes });
      },
      (error) => {
        if (this.ports.get(sessionId) === port) this.ports.delete(sessionId);
        this.refusals.get(sessionId)?.(error);
      },
    );
    this.ports.set(sessionId, port);
  }

  /** Forgets a closed session and closes its port. */
  forget(sessionId: string): void {
    this.ports.get(sessionId)?.close();
    this.ports.delete(sessionId);
    this.refusals.delete(sessionId);
    this.deferred.delete(sessionId);
    this.consumers.delete(sessionId);
    this.held.delete(sessionId);
    this.awaitingReplay.delete(sessionId);
  }
}

/** What a pane sends on while its session has no port (no bridge, or the open was refused). */
const NO_PORT: SessionPort = { input: () => undefined, resize: () => undefined, ack: () => undefined, close: () => undefined };

let shared: SessionOutputRouter | undefined;

/**
 * The window's router: subscribed on first use, and taking over the sessions main already has. A
 * page that starts while the console is locked is refused the takeover (the lock hides every
 * session's output); it takes over on unlock the sessions policy kept open.
 */
export function sessionOutput(): SessionOutputRouter {
  if (!shared) {
    const router = new SessionOutputRouter(hasBridge() ? openSessionPort : undefined);
    if (hasBridge()) {
      let refused = false;
      const takeOver = () => {
        refused = false;
        router.beginReattach();
        call('ssh.reattach').then(
          ({ sessionIds }) => router.reattached(sessionIds),
          () => {
            refused = true;
            router.reattached([]);
          },
        );
      };
      subscribe('ssh.replay', (replay) => router.replay(replay));
      subscribe('lock.changed', (state) => {
        if (!state.locked && refused) takeOver();
        else if (!state.locked) router.reconnect();
      });
      takeOver();
    }
    shared = router;
  }
  return shared;
}

/** Which cluster each session was opened for (arms the production guard of the paste firewall). */
export const sessionClusters = new Map<string, string>();
