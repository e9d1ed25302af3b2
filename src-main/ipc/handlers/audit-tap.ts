import type { z } from 'zod';
import type { InvokeChannel } from '../contract';
import type { IpcEnvelope } from '../contract/define';
import type { HostKeyPrompt, SessionInfo, SshExit, TunnelInfo } from '../contract/ssh';
import type { IpcRouter } from '../router';
import type { AuditEvent, AuditRecorder } from '../../services/audit';
import { attachedFileFacts, type AttachedFileInput } from '../../services/azure/attached-files';

type Envelope = IpcEnvelope<unknown>;
type Outcome = NonNullable<AuditEvent['outcome']>;

/** Builds the audit event of one answered invoke from its parsed request and envelope; null = nothing to record. */
type InvokeAuditor = (req: never, envelope: Envelope) => AuditEvent | null;

const outcomeOf = (e: Envelope): Outcome => (e.ok ? 'success' : 'failure');
const errorOf = (e: Envelope) => (e.ok ? {} : { error: e.error.code });
const data = <T>(e: Envelope) => (e.ok ? (e.data as T) : undefined);

/** Attached files as the audit log keeps them: name, size and SHA-256 each, never the contents. */
function attachedFilesDetails(files: readonly AttachedFileInput[]): Record<string, unknown> {
  if (files.length === 0) return {};
  const facts = attachedFileFacts(files);
  return {
    files: facts.map((f) => `${f.name} (${f.bytes} bytes, sha256 ${f.sha256})`),
    fileBytes: facts.reduce((sum, f) => sum + f.bytes, 0),
  };
}

/** The operator actions the issue lists, read from the IPC answers (never from terminal bytes). */
const INVOKE_AUDITORS: Partial<Record<InvokeChannel, InvokeAuditor>> = {
  'ssh.open': (req: { target: { username: string; route: { kind: string; host?: string; targetResourceId?: string; port: number } } }, e) => {
    const info = data<z.output<typeof SessionInfo>>(e);
    const where = req.target.route.host ?? req.target.route.targetResourceId ?? '';
    return { type: 'ssh.open', outcome: outcomeOf(e), target: `${req.target.username}@${where}:${req.target.route.port}`, details: { route: req.target.route.kind, sessionId: info?.sessionId ?? null, ...errorOf(e) } };
  },
  'tunnels.open': (req: { name: string; via: { kind: string; bastionId?: string; targetResourceId?: string; targetIp?: string; remoteHost?: string; port?: number; remotePort?: number }; localPort?: number }, e) => {
    const info = data<z.output<typeof TunnelInfo>>(e);
    return {
      type: 'tunnel.open',
      outcome: outcomeOf(e),
      target: req.via.targetResourceId ?? req.via.targetIp ?? req.via.remoteHost ?? req.name,
      details: { name: req.name, kind: req.via.kind, bastion: req.via.bastionId ?? null, port: req.via.port ?? req.via.remotePort ?? null, localPort: info?.localPort ?? req.localPort ?? null, ...errorOf(e) },
    };
  },
  'kubectl.openTerminal': (req: { clusterId: string; contextName: string; tunnelName: string }, e) => {
    const info = data<z.output<typeof SessionInfo>>(e);
    return { type: 'ssh.open', outcome: outcomeOf(e), target: req.clusterId, details: { route: 'local', kind: 'kubectl-terminal', context: req.contextName, tunnel: req.tunnelName, sessionId: info?.sessionId ?? null, ...errorOf(e) } };
  },
  'kubeconfig.apply': (_req, e) => ({ type: 'kubeconfig.write', outcome: outcomeOf(e), target: data<{ path: string }>(e)?.path ?? null, details: { backup: data<{ backupPath?: string }>(e)?.backupPath ?? null, ...errorOf(e) } }),
  'sshconfig.apply': (_req, e) => ({ type: 'sshconfig.write', outcome: outcomeOf(e), target: data<{ path: string }>(e)?.path ?? null, details: { backup: data<{ backupPath?: string }>(e)?.backupPath ?? null, ...errorOf(e) } }),
  'azure.jitRequest': (req: { vmId: string; port: number; durationMinutes: number; justification?: string }, e) => ({
    type: 'jit.request',
    outcome: outcomeOf(e),
    target: req.vmId,
    details: { port: req.port, durationMinutes: req.durationMinutes, justification: req.justification ?? null, status: data<{ status: string }>(e)?.status ?? null, ...errorOf(e) },
  }),
  'azure.commandInvoke': (req: { clusterId: string; command: string; files?: AttachedFileInput[] }, e) => {
    const result = data<{ exitCode: number | null; provisioningState: string }>(e);
    return { type: 'command.invoke', outcome: e.ok ? (result?.exitCode === 0 ? 'success' : 'failure') : 'failure', target: req.clusterId, details: { command: req.command, ...attachedFilesDetails(req.files ?? []), exitCode: result?.exitCode ?? null, state: result?.provisioningState ?? null, ...errorOf(e) } };
  },
  'checklist.export': (req: { runId: string; format: string }, e) => ({ type: 'checklist.export', outcome: outcomeOf(e), target: req.runId, details: { format: req.format, ...errorOf(e) } }),
};

/**
 * Records the operator's actions from the IPC traffic: answered invokes (SSH and tunnel opens,
 * kubeconfig/ssh_config writes, JIT requests, command invoke with exit code and the names, sizes
 * and SHA-256 of attached files, checklist exports)
 * and events (session exits, tunnel closes with byte counts, host-key decisions). Requests refused
 * by validation or by the lock are not actions and are not recorded. Returns a function that
 * removes the tap.
 */
export function installAuditTap(router: IpcRouter, audit: AuditRecorder): () => void {
  const sessions = new Map<string, string>();
  const prompts = new Map<string, z.output<typeof HostKeyPrompt>>();
  const record = (event: AuditEvent | null) => void (event && audit.record(event).catch(() => undefined));

  // Only calls that passed validation reach the observer: refused requests are not actions.
  const stopDispatch = router.observeDispatch(({ channel, request, envelope }) => {
    const auditor = INVOKE_AUDITORS[channel];
    if (!auditor || (!envelope.ok && envelope.error.code.startsWith('ipc.'))) return;
    const event = auditor(request as never, envelope);
    if ((channel === 'ssh.open' || channel === 'kubectl.openTerminal') && envelope.ok && event?.target) sessions.set((envelope.data as { sessionId: string }).sessionId, event.target);
    record(event);
  });

  const stopEmit = router.observeEmit((name, payload) => {
    if (name === 'ssh.exit') {
      const exit = payload as z.output<typeof SshExit>;
      record({ type: 'ssh.close', outcome: 'info', target: sessions.get(exit.sessionId) ?? null, details: { sessionId: exit.sessionId, exitCode: exit.exitCode ?? null, signal: exit.signal ?? null } });
      sessions.delete(exit.sessionId);
    } else if (name === 'tunnels.state') {
      const t = payload as z.output<typeof TunnelInfo>;
      if (t.state === 'closed') record({ type: 'tunnel.close', outcome: 'info', target: t.remote, details: { name: t.name, kind: t.kind, bytesIn: t.bytesIn, bytesOut: t.bytesOut, connections: t.totalConnections } });
    } else if (name === 'hostkeys.prompt') {
      const p = payload as z.output<typeof HostKeyPrompt>;
      prompts.set(p.decisionId, p);
    } else if (name === 'hostkeys.settled') {
      const s = payload as { decisionId: string; outcome: string };
      const p = prompts.get(s.decisionId);
      prompts.delete(s.decisionId);
      record({ type: 'hostkey.decision', outcome: s.outcome === 'accepted' ? 'success' : 'denied', target: p ? `${p.host}:${p.port}` : null, details: { decision: s.outcome, keyType: p?.keyType ?? null, fingerprint: p?.fingerprint ?? null, requester: p?.requester ?? null } });
    }
  });

  return () => {
    stopDispatch();
    stopEmit();
  };
}
