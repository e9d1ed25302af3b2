import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { AuditForwarder, ForwardingStatus } from './audit-forwarder';
import { AuditLogFile } from './audit-log-file';
import { matchesFilter, toCsv, toJsonLines, type AuditFilterValue } from './audit-query';
import { chainRecord, type AuditEvent, type AuditRecord } from './audit-record';
import { redactAuditDetails, redactAuditText } from './audit-redaction';
import { scanChain, verifyChain, type ChainHead, type HeadLookup, type VerifyReport } from './audit-verify';
import { Emitter, type Event } from '../events';

/** Keychain account holding the chain head `{ seq, hash }`. */
export const CHAIN_HEAD_ACCOUNT = 'audit.chain-head';

/** Ports of the audit service. */
export interface AuditServiceOptions {
  /** The JSON Lines file (in app data). */
  readonly filePath: string;
  /** The keychain; null when none exists (records are still written, verify reports `unavailable`). */
  readonly secrets: SecretStore | null;
  readonly log: Logger;
  readonly clock?: () => Date;
  /** Who is signed in now (the default actor of a record). */
  readonly actor?: () => string | null;
  /** Optional Azure Monitor forwarding (policy). */
  readonly forwarder?: AuditForwarder | null;
  /** Milliseconds between retries of unwritten records / unforwarded tail. */
  readonly retryMs?: number;
}

/** Health of the log the UI and the notice area need. */
export interface AuditHealth {
  /** Records accepted but not yet on disk (disk full, permissions). */
  readonly unwritten: number;
  readonly lastWriteError: string | null;
  /** True when the keychain has the head of the last written record. */
  readonly anchored: boolean;
}

/**
 * The tamper-evident audit log. Other services call `record(event)`; records are redacted,
 * hash-chained, appended to a JSON Lines file with fsync, and the chain head is stored in the
 * keychain so truncation or wholesale rewriting is detectable. Records that cannot be written (disk
 * full) stay queued in order and are retried; none is dropped. Forwarding reads the same file.
 */
export class AuditService {
  private readonly file: AuditLogFile;
  private readonly clock: () => Date;
  private last: ChainHead | null = null;
  private readonly unwritten: AuditRecord[] = [];
  private queue: Promise<void> = Promise.resolve();
  private forwarding: Promise<void> = Promise.resolve();
  private lastWriteError: string | null = null;
  private anchored = true;
  private readonly changes = new Emitter<[record: AuditRecord]>();
  private readonly failures = new Emitter<[message: string]>();
  private retryTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  /** Creates the service; it reads the log's tail first (records wait for that, in call order). */
  constructor(private readonly options: AuditServiceOptions) {
    this.file = new AuditLogFile(options.filePath);
    this.clock = options.clock ?? (() => new Date());
    this.enqueue(async () => {
      this.last = lastRecordOf(await this.file.readLines());
      await options.forwarder?.init();
    });
  }

  /** Opens the log and continues its chain from the last record on disk. */
  static async open(options: AuditServiceOptions): Promise<AuditService> {
    const service = new AuditService(options);
    await service.queue;
    return service;
  }

  /**
   * Appends one event. Resolves once the record is on disk, or, if the disk refused it, once it is
   * queued for retry (the failure is reported through `onDidFail` and `health()`); never throws for
   * an I/O problem, so auditing cannot break the action it records.
   */
  async record(event: AuditEvent): Promise<AuditRecord> {
    const fields = {
      time: this.clock().toISOString(),
      type: event.type,
      outcome: event.outcome ?? 'success',
      actor: redactAuditText(event.actor !== undefined ? event.actor : (this.options.actor?.() ?? null)),
      target: redactAuditText(event.target),
      details: redactAuditDetails(event.details),
    } as const;
    let record: AuditRecord | undefined;
    await this.enqueue(async () => {
      record = chainRecord(this.last, fields);
      this.last = { seq: record.seq, hash: record.hash };
      this.unwritten.push(record);
      await this.flush();
    });
    this.changes.fire(record!);
    return record!;
  }

  /** Records matching the filter, newest first, at most `limit`, older than `beforeSeq` when given. */
  async list(filter: AuditFilterValue, limit = 200, beforeSeq?: number): Promise<{ records: AuditRecord[]; matched: number }> {
    const all = (await this.readRecords()).filter((r) => matchesFilter(r, filter));
    const older = beforeSeq === undefined ? all : all.filter((r) => r.seq < beforeSeq);
    return { records: older.reverse().slice(0, limit), matched: all.length };
  }

  /** Checks every link and compares the tail with the keychain head. */
  async verify(): Promise<VerifyReport> {
    await this.queue;
    return verifyChain(await this.file.readLines(), await this.readHead(), this.clock());
  }

  /** Renders the matching records for a file the operator saves. */
  async export(filter: AuditFilterValue, format: 'jsonl' | 'csv'): Promise<{ fileName: string; mimeType: string; content: string; records: number }> {
    const records = (await this.readRecords()).filter((r) => matchesFilter(r, filter));
    const stamp = this.clock().toISOString().replace(/[:.]/g, '-');
    const content = format === 'csv' ? toCsv(records) : toJsonLines(records);
    await this.record({ type: 'audit.export', details: { format, records: records.length } });
    return { fileName: `aks-console-audit-${stamp}.${format}`, mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson', content, records: records.length };
  }

  /** Forwarding state for the UI (`enabled: false` without a forwarder). */
  forwardingStatus(): ForwardingStatus {
    const lastSeq = this.last?.seq ?? 0;
    return this.options.forwarder?.status(lastSeq) ?? { enabled: false, pending: 0, lastError: null, lastSuccessAt: null };
  }

  /** Write health (unwritten records, keychain anchoring). */
  health(): AuditHealth {
    return { unwritten: this.unwritten.length, lastWriteError: this.lastWriteError, anchored: this.anchored };
  }

  /** Sends the unforwarded tail now (also runs after each write and on the retry timer). */
  async forward(): Promise<void> {
    await this.queue;
    await this.kickForward();
  }

  private kickForward(): Promise<void> {
    if (!this.options.forwarder || this.disposed) return this.forwarding;
    this.forwarding = this.forwarding.then(() => this.forwardNow());
    return this.forwarding;
  }

  private async forwardNow(): Promise<void> {
    const forwarder = this.options.forwarder;
    if (!forwarder) return;
    try {
      const { retryAfterMs } = await forwarder.pump(scanChain(await this.file.readLines()).records);
      if (retryAfterMs !== undefined) this.scheduleRetry(retryAfterMs);
    } catch (error) {
      this.options.log.warn('audit forwarding pump failed', { error });
    }
  }

  /** Called after each durable record. Returns a disposer. */
  readonly onDidRecord: Event<[record: AuditRecord]> = this.changes.event;

  /** Called when a write or keychain anchor fails (plain message). Returns a disposer. */
  readonly onDidFail: Event<[message: string]> = this.failures.event;

  /** Tries once more to write queued records, then stops the retry timer. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    await this.enqueue(() => this.flush());
    await this.forwarding;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  private async readRecords(): Promise<AuditRecord[]> {
    await this.queue;
    const lines = await this.file.readLines();
    const { records } = scanChain(lines);
    // Past a broken link the remaining well-formed records are still shown (verify flags the break).
    for (const line of lines.slice(records.length)) {
      const record = parseRecord(line);
      if (record) records.push(record);
    }
    return records;
  }

  private async flush(): Promise<void> {
    if (this.unwritten.length === 0) return;
    const batch = [...this.unwritten];
    try {
      await this.file.append(batch.map((r) => JSON.stringify(r)));
      this.unwritten.splice(0, batch.length);
      this.lastWriteError = null;
    } catch (error) {
      this.lastWriteError = `The audit log cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${this.unwritten.length} record(s) are held in memory and retried.`;
      this.options.log.error('audit write failed', { error, unwritten: this.unwritten.length });
      this.fail(this.lastWriteError);
      this.scheduleRetry();
      return;
    }
    await this.anchor(batch.at(-1)!);
    void this.kickForward();
  }

  private async anchor(record: AuditRecord): Promise<void> {
    if (!this.options.secrets) {
      this.anchored = false;
      return;
    }
    try {
      await this.options.secrets.set(CHAIN_HEAD_ACCOUNT, JSON.stringify({ seq: record.seq, hash: record.hash }));
      this.anchored = true;
    } catch (error) {
      const wasAnchored = this.anchored;
      this.anchored = false;
      this.options.log.warn('audit chain head not stored in the keychain', { error });
      if (wasAnchored) this.fail('The audit chain head could not be stored in the OS keychain; truncation of the newest records would not be detectable until it is.');
    }
  }

  private async readHead(): Promise<HeadLookup> {
    if (!this.options.secrets) return { kind: 'unavailable' };
    try {
      const text = await this.options.secrets.get(CHAIN_HEAD_ACCOUNT);
      if (text === null) return { kind: 'missing' };
      const head = JSON.parse(text) as ChainHead;
      if (!Number.isInteger(head.seq) || typeof head.hash !== 'string') return { kind: 'missing' };
      return { kind: 'found', head };
    } catch {
      return { kind: 'unavailable' };
    }
  }

  private scheduleRetry(ms = this.options.retryMs ?? 5_000): void {
    if (this.disposed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.unwritten.length) void this.enqueue(() => this.flush());
      else void this.kickForward();
    }, ms);
    this.retryTimer.unref();
  }

  private fail(message: string): void {
    this.failures.fire(message);
  }
}

function parseRecord(line: string): AuditRecord | null {
  try {
    const value = JSON.parse(line) as AuditRecord;
    return typeof value.seq === 'number' && typeof value.hash === 'string' && typeof value.type === 'string' ? value : null;
  } catch {
    return null;
  }
}

function lastRecordOf(lines: readonly string[]): ChainHead | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const record = parseRecord(lines[i]!);
    if (record) return { seq: record.seq, hash: record.hash };
  }
  return null;
}
