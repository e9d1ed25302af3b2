import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AuditDetailValue, AuditEventType, AuditOutcome, AuditRecordView } from '../../ipc/contract/audit';

/** One record as stored: a line of the JSON Lines log. */
export type AuditRecord = z.output<typeof AuditRecordView>;

/** What a service hands to `AuditService.record`. */
export interface AuditEvent {
  readonly type: z.output<typeof AuditEventType>;
  readonly outcome?: z.output<typeof AuditOutcome>;
  /** Who acted; defaults to the signed-in operator the service's actor port reports. */
  readonly actor?: string | null;
  /** What was acted on (a cluster resource id, `host:port`, a file name). */
  readonly target?: string | null;
  /** Facts worth keeping (bytes, exit code, reason). Redacted before they are written. */
  readonly details?: Record<string, unknown>;
}

/** The narrow port other services depend on: `audit.record(event)`. */
export interface AuditRecorder {
  record(event: AuditEvent): Promise<unknown>;
}

/** `prev` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the canonical record without its own `hash` field (so it covers `prev`: the chain). */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const { seq, time, type, outcome, actor, target, details, prev } = record;
  return createHash('sha256').update(canonicalJson({ seq, time, type, outcome, actor, target, details, prev })).digest('hex');
}

/** Builds the next record of the chain. */
export function chainRecord(
  previous: { seq: number; hash: string } | null,
  fields: { time: string; type: AuditRecord['type']; outcome: AuditRecord['outcome']; actor: string | null; target: string | null; details: Record<string, z.output<typeof AuditDetailValue>> },
): AuditRecord {
  const body = { seq: (previous?.seq ?? 0) + 1, ...fields, prev: previous?.hash ?? GENESIS_HASH };
  return { ...body, hash: hashRecord(body) };
}
