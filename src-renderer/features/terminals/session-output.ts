/**
 * Routes `ssh.data` to the pane of each session. Output that arrives before a pane is attached
 * (the banner right after `ssh.open`) is held until it attaches; main's flow control bounds how
 * much that can be, since nothing is acknowledged until xterm has parsed it.
 *
 * A page that starts while sessions are open (a reload, or a renderer that crashed) takes them
 * over with `ssh.reattach`: main answers with their ids and sends each one's recent output as
 * `ssh.replay`, in order with `ssh.data`. Output of such a session that comes before its replay
 * is already inside the replay and is dropped, so nothing shows twice.
 */
import type { EventPayload } from '../../../src-main/ipc/contract';
import { call, hasBridge, subscribe } from '../../ipc/bridge';

type Chunk = EventPayload<'ssh.data'>;
type Replay = EventPayload<'ssh.replay'>;
type Consumer = (chunk: Chunk) => void;
type Early = { kind: 'data'; chunk: Chunk } | { kind: 'replay'; replay: Replay };

/** Holds and routes output per session. */
export class SessionOutputRouter {
  private readonly consumers = new Map<string, Consumer>();
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
  }

  /** Delivers one chunk (called for each `ssh.data` event). */
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

  /** Attaches a pane; held chunks are replayed first. Returns the detach function. */
  attach(sessionId: string, consumer: Consumer): () => void {
    this.consumers.set(sessionId, consumer);
    const waiting = this.held.get(sessionId) ?? [];
    this.held.delete(sessionId);
    for (const chunk of waiting) consumer(chunk);
    return () => {
      if (this.consumers.get(sessionId) === consumer) this.consumers.delete(sessionId);
    };
  }

  /** Forgets a closed session. */
  forget(sessionId: string): void {
    this.consumers.delete(sessionId);
    this.held.delete(sessionId);
    this.awaitingReplay.delete(sessionId);
  }
}

let shared: SessionOutputRouter | undefined;

/**
 * The window's router: subscribed on first use, and taking over the sessions main already has. A
 * page that starts while the console is locked is refused the takeover (the lock hides every
 * session's output); it takes over on unlock the sessions policy kept open.
 */
export function sessionOutput(): SessionOutputRouter {
  if (!shared) {
    const router = new SessionOutputRouter();
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
      subscribe('ssh.data', (chunk) => router.deliver(chunk));
      subscribe('ssh.replay', (replay) => router.replay(replay));
      subscribe('lock.changed', (state) => {
        if (!state.locked && refused) takeOver();
      });
      takeOver();
    }
    shared = router;
  }
  return shared;
}

/** Which cluster each session was opened for (arms the production guard of the paste firewall). */
export const sessionClusters = new Map<string, string>();
