import type { InvokeChannel } from '../contract';
import type { IpcEnvelope } from '../contract/define';
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

/** A save policy refused is `denied`, any other error `failure`. */
const proxyOutcome = (e: Envelope): Outcome => (e.ok ? 'success' : e.error.code === 'proxy.credentials_not_allowed' ? 'denied' : 'failure');

/** Attached files as the audit log keeps them: name, size and SHA-256 each, never the contents. */
function attachedFilesDetails(files: readonly AttachedFileInput[]): Record<string, unknown> {
  if (files.length === 0) return {};
  const facts = attachedFileFacts(files);
  return {
    files: facts.map((f) => `${f.name} (${f.bytes} bytes, sha256 ${f.sha256})`),
    fileBytes: facts.reduce((sum, f) => sum + f.bytes, 0),
  };
}

/** The operator actions no service records, read from the IPC answers (never from terminal bytes). */
const INVOKE_AUDITORS: Partial<Record<InvokeChannel, InvokeAuditor>> = {
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
  // A proxy credential is a trust change (what the console may send to which proxy): the proxy and the user name, never the password.
  'proxy.saveCredential': (req: { proxy: string; username: string }, e) => ({ type: 'proxy.credential-save', outcome: proxyOutcome(e), target: req.proxy, details: { username: req.username, ...errorOf(e) } }),
  'proxy.forgetCredential': (req: { proxy: string }, e) => ({ type: 'proxy.credential-forget', outcome: outcomeOf(e), target: req.proxy, details: { removed: data<{ removed: boolean }>(e)?.removed ?? null, ...errorOf(e) } }),
};

/**
 * Records the operator's actions that only the IPC answers show: JIT requests, command invoke with
 * exit code and the names, sizes and SHA-256 of attached files, checklist exports, and proxy
 * credentials saved or forgotten (never the password). SSH
 * sessions, tunnels, host-key decisions and file writes are audited by their services (one path per
 * action: recording them here too wrote every one twice). Requests refused by validation or by the
 * lock are not actions and are not recorded. Returns a function that removes the tap.
 */
export function installAuditTap(router: IpcRouter, audit: AuditRecorder): () => void {
  const record = (event: AuditEvent | null) => void (event && audit.record(event).catch(() => undefined));
  // Only calls that passed validation reach the observer: refused requests are not actions.
  return router.observeDispatch(({ channel, request, envelope }) => {
    const auditor = INVOKE_AUDITORS[channel];
    if (!auditor || (!envelope.ok && envelope.error.code.startsWith('ipc.'))) return;
    record(auditor(request as never, envelope));
  });
}
