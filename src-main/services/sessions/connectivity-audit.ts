import type { AuditRecorder } from '../audit';
import { describeTarget } from '../ssh';
import type { OpenRefusal, SessionManager } from './session-manager';
import type { SessionInfoValue, TunnelInfoValue } from './types';

const CONNECTING = new Set(['connecting', 'awaiting-host-key', 'authenticating', 'reconnecting']);

/** Refusals by policy are `denied`; limits and shutdown are failures. */
const refusalOutcome = (code: string) => (code.startsWith('jit.') ? 'denied' : 'failure');

/** The audit event of an open refused before anything connected. */
function refusalEvent({ request, problem }: OpenRefusal): Parameters<AuditRecorder['record']>[0] {
  if (request.kind === 'session') {
    const where = describeTarget(request.target);
    return { type: 'ssh.open', outcome: refusalOutcome(problem.code), target: `${where.host}:${where.port}`, details: { route: request.target.route.kind, username: request.target.username, reason: problem.code } };
  }
  const via = request.via;
  const remote = via.kind === 'ssh' ? `${via.remoteHost}:${via.remotePort}` : `${via.kind === 'bastion' ? via.targetResourceId : via.targetIp}:${via.port}`;
  return { type: 'tunnel.open', outcome: refusalOutcome(problem.code), target: remote, details: { name: request.name, kind: via.kind, reason: problem.code } };
}

/**
 * THE audit trail of sessions and tunnels (the IPC tap leaves them to this one path): a shell
 * opened, refused or failed to open (with the reason) and closed (bytes, reason), a tunnel opened,
 * refused and closed. Only facts, never a credential.
 */
export function auditSessions(manager: SessionManager, audit: AuditRecorder): () => void {
  const sessions = new Map<string, SessionInfoValue['state']>();
  const tunnels = new Map<string, { state: TunnelInfoValue['state']; announced: boolean }>();
  const record = (event: Parameters<AuditRecorder['record']>[0]): void => void audit.record(event).catch(() => undefined);

  const offSessions = manager.onDidChangeSession((info) => {
    const previous = sessions.get(info.sessionId) ?? 'connecting';
    sessions.set(info.sessionId, info.state);
    if (previous === info.state) return;
    const target = `${info.host}:${info.port}`;
    const base = { sessionId: info.sessionId, route: info.route, username: info.username };
    if (info.state === 'open') {
      record({ type: 'ssh.open', outcome: 'success', target, details: { ...base, hostKey: info.hostKeyFingerprint ?? null, reconnects: info.reconnects } });
    } else if (info.state === 'failed' && CONNECTING.has(previous)) {
      const denied = info.problem?.code.startsWith('ssh.host_key') || info.problem?.code === 'ssh.auth_failed';
      record({ type: 'ssh.open', outcome: denied ? 'denied' : 'failure', target, details: { ...base, reason: info.problem?.code ?? null } });
    } else if (info.state === 'ended' && previous === 'open') {
      record({ type: 'ssh.close', outcome: info.problem ? 'failure' : 'success', target, details: { ...base, reason: info.problem?.code ?? null, bytesIn: info.bytesIn, bytesOut: info.bytesOut } });
    }
  });

  const offTunnels = manager.onDidChangeTunnel((info) => {
    const known = tunnels.get(info.name) ?? { state: 'starting' as const, announced: false };
    tunnels.set(info.name, { state: info.state, announced: known.announced || info.state === 'ready' });
    if (known.state === info.state) return;
    const details = { name: info.name, kind: info.kind, localPort: info.localPort };
    if (info.state === 'ready' && !known.announced) record({ type: 'tunnel.open', outcome: 'success', target: info.remote, details });
    if (info.state === 'down' && !known.announced && info.problem) record({ type: 'tunnel.open', outcome: 'failure', target: info.remote, details: { ...details, reason: info.problem.code } });
    if (info.state === 'closed') {
      tunnels.delete(info.name);
      record({ type: 'tunnel.close', outcome: 'success', target: info.remote, details: { ...details, connections: info.totalConnections, bytesIn: info.bytesIn, bytesOut: info.bytesOut } });
    }
  });

  const offRefusals = manager.onDidRefuse((refusal) => record(refusalEvent(refusal)));

  return () => {
    offSessions();
    offTunnels();
    offRefusals();
  };
}
