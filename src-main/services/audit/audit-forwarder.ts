import type { TokenCredential } from '@azure/core-auth';
import { z } from 'zod';
import type { Logger } from '../log';
import type { NetStack } from '../net';
import { JsonFile } from '../storage';
import type { AuditRecord } from './audit-record';

/** Where records go: a Data Collection Endpoint/Rule/stream of the Logs Ingestion API (from policy). */
export interface AuditForwardingSettings {
  /** Data collection endpoint, e.g. `https://my-dce-abcd.westeurope-1.ingest.monitor.azure.com`. */
  readonly endpoint: string;
  /** Immutable id of the data collection rule (`dcr-…`). */
  readonly dcrImmutableId: string;
  /** Stream declared in the rule, e.g. `Custom-AksConsoleAudit_CL`. */
  readonly streamName: string;
  /** Token scope; Azure Monitor's default unless a sovereign cloud needs another. */
  readonly scope?: string;
}

/** The scope Azure Monitor Logs Ingestion expects (the double slash is in Microsoft's docs). */
export const LOGS_INGESTION_SCOPE = 'https://monitor.azure.com//.default';
/** API version of the Logs Ingestion upload call. */
export const LOGS_INGESTION_API_VERSION = '2023-01-01';
/** The service rejects calls over 1 MB; stay below with room for framing. */
const MAX_BATCH_BYTES = 900_000;
const MAX_BATCH_RECORDS = 500;
/** Before sign-in: the retry timer's pace (the pump itself is not held back, see `pump`). */
const SIGNED_OUT_RETRY_MS = 30_000;

const Cursor = z.object({ seq: z.number().int().min(0) });

/** Forwarding state for the UI. */
export interface ForwardingStatus {
  readonly enabled: boolean;
  readonly pending: number;
  readonly lastError: string | null;
  readonly lastSuccessAt: string | null;
}

/** Shapes one record as a row of the custom table (column names in the DCR's stream declaration). */
export function toIngestionRow(record: AuditRecord, device: string): Record<string, unknown> {
  return {
    TimeGenerated: record.time,
    Seq: record.seq,
    EventType: record.type,
    Outcome: record.outcome,
    Actor: record.actor,
    Target: record.target,
    Details: JSON.stringify(record.details),
    Prev: record.prev,
    Hash: record.hash,
    Device: device,
  };
}

/**
 * Sends the local log's unsent tail to the workspace. The local log IS the spool: a cursor file
 * remembers the last record the service accepted, so records written offline go out on the next
 * pump, in order, and a crash re-sends at most one batch (rows carry Seq/Hash for deduplication).
 */
export class AuditForwarder {
  private readonly cursor: JsonFile<{ seq: number }>;
  private sentSeq: number | undefined;
  private lastError: string | null = null;
  private lastSuccessAt: string | null = null;
  private notBefore = 0;

  /** Creates a forwarder; nothing is sent until `pump`. */
  constructor(
    private readonly settings: AuditForwardingSettings,
    private readonly deps: { net: NetStack; credential: TokenCredential; cursorFile: string; device: string; log: Logger; clock?: () => Date },
  ) {
    this.cursor = new JsonFile(deps.cursorFile, Cursor, () => ({ seq: 0 }));
  }

  /** Forwarding status against the current last sequence number. */
  status(lastSeq: number): ForwardingStatus {
    return { enabled: true, pending: Math.max(0, lastSeq - (this.sentSeq ?? 0)), lastError: this.lastError, lastSuccessAt: this.lastSuccessAt };
  }

  /** Loads the cursor (once). */
  async init(): Promise<void> {
    if (this.sentSeq === undefined) this.sentSeq = (await this.cursor.read()).value.seq;
  }

  /** Sends every record after the cursor; stops at the first failure and remembers when to retry. */
  async pump(records: readonly AuditRecord[]): Promise<{ sent: number; retryAfterMs?: number }> {
    await this.init();
    const now = (this.deps.clock ?? (() => new Date()))().getTime();
    if (now < this.notBefore) return { sent: 0, retryAfterMs: this.notBefore - now };
    let sent = 0;
    let todo = records.filter((r) => r.seq > (this.sentSeq ?? 0));
    while (todo.length > 0) {
      const batch = this.takeBatch(todo);
      const outcome = await this.send(batch);
      // Nobody signed in yet: no backoff, the sign-in's own record pumps again at once.
      if (outcome === 'signed-out') return { sent, retryAfterMs: SIGNED_OUT_RETRY_MS };
      if (outcome !== 'ok') {
        this.notBefore = now + outcome.retryAfterMs;
        return { sent, retryAfterMs: outcome.retryAfterMs };
      }
      sent += batch.length;
      this.sentSeq = batch.at(-1)!.seq;
      await this.cursor.write({ seq: this.sentSeq });
      todo = todo.slice(batch.length);
    }
    return { sent };
  }

  private takeBatch(records: readonly AuditRecord[]): AuditRecord[] {
    const batch: AuditRecord[] = [];
    let bytes = 2;
    for (const record of records) {
      const size = Buffer.byteLength(JSON.stringify(toIngestionRow(record, this.deps.device))) + 1;
      if (batch.length > 0 && (bytes + size > MAX_BATCH_BYTES || batch.length >= MAX_BATCH_RECORDS)) break;
      batch.push(record);
      bytes += size;
    }
    return batch;
  }

  private async send(batch: readonly AuditRecord[]): Promise<'ok' | 'signed-out' | { retryAfterMs: number }> {
    const { endpoint, dcrImmutableId, streamName } = this.settings;
    const url = new URL(`dataCollectionRules/${encodeURIComponent(dcrImmutableId)}/streams/${encodeURIComponent(streamName)}`, endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
    url.searchParams.set('api-version', LOGS_INGESTION_API_VERSION);
    try {
      const token = await this.deps.credential.getToken(this.settings.scope ?? LOGS_INGESTION_SCOPE);
      if (!token) throw new Error('no token for Azure Monitor');
      const response = await this.deps.net.request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch.map((r) => toIngestionRow(r, this.deps.device))),
        timeoutMs: 30_000,
      });
      if (response.status >= 200 && response.status < 300) {
        this.lastError = null;
        this.lastSuccessAt = new Date().toISOString();
        return 'ok';
      }
      const retryAfter = Number(response.headers['retry-after']);
      this.lastError = `Azure Monitor answered HTTP ${response.status}`;
      this.deps.log.warn('audit forwarding refused', { status: response.status, records: batch.length });
      return { retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 3600) * 1000 : 30_000 };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'auth.sign_in_required') {
        this.lastError = 'Waiting for sign-in: Azure Monitor takes the operator\'s token';
        return 'signed-out';
      }
      this.lastError = `Azure Monitor is not reachable (${(error as Error).message})`;
      this.deps.log.warn('audit forwarding failed', { error });
      return { retryAfterMs: 30_000 };
    }
  }
}
