import { ForbiddenScanner, type ForbiddenRequest } from './forbidden-scan';

/** A 403 seen in a kubectl terminal, for the offer beside it: the cluster is the session's own, never the output's. */
export interface TerminalForbidden {
  readonly sessionId: string;
  readonly clusterId: string;
  readonly forbidden: ForbiddenRequest;
}

/** What the watch observes: terminal output, session ends, and which cluster a kubectl terminal was opened for. */
export interface TerminalForbiddenPorts {
  onData(listener: (e: { sessionId: string; data: string }) => void): () => void;
  onExit(listener: (e: { sessionId: string }) => void): () => void;
  /** The cluster a kubectl terminal tab was opened for; undefined for any other session (SSH shells are not scanned). */
  clusterOf(sessionId: string): string | undefined;
  /** Current time in ms (the same 403 repeated within a second is announced once). */
  now?(): number;
}

const REPEAT_QUIET_MS = 1000;

/**
 * Watches kubectl terminals' output for kube-apiserver 403s and announces each (one per output
 * chunk at most, an identical one repeated within a second once) with the session's own cluster.
 * Holds one bounded scanner per kubectl session and drops it when the session ends.
 */
export function watchTerminalForbidden(ports: TerminalForbiddenPorts, announce: (e: TerminalForbidden) => void): () => void {
  const scanners = new Map<string, { scanner: ForbiddenScanner; last?: { key: string; at: number } }>();
  const now = ports.now ?? Date.now;
  const offData = ports.onData(({ sessionId, data }) => {
    const clusterId = ports.clusterOf(sessionId);
    if (clusterId === undefined) return;
    let entry = scanners.get(sessionId);
    if (!entry) scanners.set(sessionId, (entry = { scanner: new ForbiddenScanner() }));
    const forbidden = entry.scanner.feed(data);
    if (!forbidden) return;
    const key = JSON.stringify(forbidden);
    const at = now();
    if (entry.last && entry.last.key === key && at - entry.last.at < REPEAT_QUIET_MS) return;
    entry.last = { key, at };
    announce({ sessionId, clusterId, forbidden });
  });
  const offExit = ports.onExit(({ sessionId }) => scanners.delete(sessionId));
  return () => {
    offData();
    offExit();
    scanners.clear();
  };
}
