import { z } from 'zod';
import { event, invoke, NoRequest } from './define';

/** Every kind of record the audit log holds (the operator's actions and the console's security decisions). */
export const AuditEventType = z.enum([
  'app.start',
  'app.session-end',
  'auth.sign-in',
  'auth.sign-out',
  'auth.tenant-switch',
  'jit.request',
  'tunnel.open',
  'tunnel.close',
  'ssh.open',
  'ssh.close',
  'hostkey.decision',
  'hostkey.import',
  'hostkey.seed',
  'hostkey.remove',
  'sshkey.import',
  'sshkey.remove',
  'kubeconfig.write',
  'kubectl.token',
  'sshconfig.write',
  'command.invoke',
  'policy.change',
  'checklist.export',
  'audit.export',
  'lock.engage',
  'lock.release',
  'window.unresponsive',
  'window.responsive',
  'window.recovery',
  'pim.activate',
  'pim.extend',
  'pim.deactivate',
  'pim.cancel',
  'proxy.credential-save',
  'proxy.credential-forget',
]);

/** How the recorded action ended. */
export const AuditOutcome = z.enum(['success', 'failure', 'denied', 'info']);

/** A detail value: scalars or short lists of strings (never nested objects, never blobs). */
export const AuditDetailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** One audit record as the renderer sees it (the hash chain fields included, so exports are verifiable). */
export const AuditRecordView = z.object({
  seq: z.number().int(),
  time: z.string(),
  type: AuditEventType,
  outcome: AuditOutcome,
  actor: z.string().nullable(),
  target: z.string().nullable(),
  details: z.record(z.string(), AuditDetailValue),
  prev: z.string(),
  hash: z.string(),
});

/** What to show or export; every field narrows the result. */
export const AuditFilter = z.strictObject({
  types: z.array(AuditEventType).max(AuditEventType.options.length).optional(),
  outcome: AuditOutcome.optional(),
  /** Case-insensitive substring over actor, target and detail values. */
  text: z.string().max(200).optional(),
  /** ISO 8601 bounds (inclusive). */
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
});

/** Result of checking the whole chain. */
export const AuditVerifyReport = z.object({
  ok: z.boolean(),
  /** Records read and checked. */
  records: z.number().int(),
  /** First line (1-based) where the chain breaks, and why. */
  firstBroken: z
    .object({
      line: z.number().int(),
      seq: z.number().int().nullable(),
      reason: z.string(),
      /** The reason as a message code and its values, worded by the renderer (`messages.audit_verify_*`). */
      code: z.string().optional(),
      params: z.record(z.string(), z.string()).optional(),
    })
    .nullable(),
  /** Comparison with the chain head kept in the OS keychain. */
  anchor: z.enum(['match', 'mismatch', 'truncated', 'unanchored-tail', 'missing', 'unavailable', 'empty']),
  /** Records written after the last anchored one (a crash between write and keychain update). */
  unanchored: z.number().int(),
  checkedAt: z.string(),
});

/** Forwarding to Azure Monitor (Logs Ingestion API), when policy turns it on. */
export const AuditForwardingStatus = z.object({
  enabled: z.boolean(),
  /** Records in the local spool not yet accepted by the workspace. */
  pending: z.number().int(),
  lastError: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
});

/** Invokes of the audit area. */
export const auditInvokes = {
  'audit.list': invoke(
    z.strictObject({ filter: AuditFilter.default({}), limit: z.number().int().min(1).max(1000).default(200), beforeSeq: z.number().int().min(1).optional() }),
    z.object({ records: z.array(AuditRecordView), matched: z.number().int(), forwarding: AuditForwardingStatus }),
  ),
  'audit.verify': invoke(NoRequest, AuditVerifyReport),
  'audit.export': invoke(
    z.strictObject({ filter: AuditFilter.default({}), format: z.enum(['jsonl', 'csv']) }),
    z.object({ fileName: z.string(), mimeType: z.string(), content: z.string(), records: z.number().int() }),
    { maxBytes: 4096 },
  ),
} as const;

/** Events of the audit area. */
export const auditEvents = {
  /** A record was appended (the audit screen refreshes). */
  'audit.recorded': event(AuditRecordView),
} as const;
