import type { InvokeResponse } from '../../../src-main/ipc/contract';

type SessionInfo = InvokeResponse<'ssh.open'>;

/** Sessions with `updates` applied; an update older than what is known (a list read before an event) is dropped. */
export function mergeSessions(known: readonly SessionInfo[], updates: readonly SessionInfo[]): SessionInfo[] {
  const byId = new Map(known.map((s) => [s.sessionId, s]));
  for (const u of updates) {
    const before = byId.get(u.sessionId);
    if (before && (u.revision ?? 0) < (before.revision ?? 0)) continue;
    byId.set(u.sessionId, u);
  }
  return [...byId.values()];
}
