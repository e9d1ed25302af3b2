/**
 * Reattach after a renderer reload or crash: sessions live in main, so a fresh page asks for
 * `ssh.reattach` once and gets every open session's recent output as an `ssh.replay` event before
 * the answer. The page opens the sessions' data ports after that answer, and output held for the
 * old page is inside the replay (the session ports forget it), so what a port brings is new. Bytes the old page never acknowledged are released, so
 * no stream stays paused waiting for a page that is gone.
 */
import type { SessionManager } from '../../services/sessions/session-manager';
import { OutputReplay } from '../../services/sessions/output-replay';
import type { IpcRouter } from '../router';
import type { SessionPorts } from '../session-ports';

/** Registers `ssh.reattach` (the new page takes the sessions' ports over first) and keeps the replay history. Returns a disposer. */
export function registerSshReattach(router: IpcRouter, manager: SessionManager, ports: SessionPorts, replay = new OutputReplay()): () => void {
  const liveIds = () => manager.listSessions().map((s) => s.sessionId);
  router.handle('ssh.reattach', (_request, { sender }) => {
    const sessionIds = liveIds();
    ports.takeOver(sessionIds, sender);
    replay.retain(sessionIds);
    for (const sessionId of sessionIds) {
      manager.session(sessionId).ack(Number.POSITIVE_INFINITY);
      router.emit('ssh.replay', { sessionId, data: replay.recent(sessionId) });
    }
    return { sessionIds };
  });
  const disposers = [
    manager.onDidData(({ sessionId, data }) => replay.record(sessionId, data)),
    // A closed session leaves the manager before this fires: its history goes with it.
    manager.onDidChangeSession(() => replay.retain(liveIds())),
  ];
  return () => {
    for (const off of disposers) off();
  };
}
