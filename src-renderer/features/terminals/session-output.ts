/**
 * Routes `ssh.data` to the pane of each session. Output that arrives before a pane is attached
 * (the banner right after `ssh.open`) is held until it attaches; main's flow control bounds how
 * much that can be, since nothing is acknowledged until xterm has parsed it.
 */
import type { EventPayload } from '../../../src-main/ipc/contract';
import { hasBridge, subscribe } from '../../ipc/bridge';

type Chunk = EventPayload<'ssh.data'>;
type Consumer = (chunk: Chunk) => void;

/** Holds and routes output per session. */
export class SessionOutputRouter {
  private readonly consumers = new Map<string, Consumer>();
  private readonly held = new Map<string, Chunk[]>();

  /** Delivers one chunk (called for each `ssh.data` event). */
  deliver(chunk: Chunk): void {
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
  }
}

let shared: SessionOutputRouter | undefined;

/** The window's router, subscribed to `ssh.data` on first use. */
export function sessionOutput(): SessionOutputRouter {
  if (!shared) {
    const router = new SessionOutputRouter();
    if (hasBridge()) subscribe('ssh.data', (chunk) => router.deliver(chunk));
    shared = router;
  }
  return shared;
}

/** Which cluster each session was opened for (arms the production guard of the paste firewall). */
export const sessionClusters = new Map<string, string>();
