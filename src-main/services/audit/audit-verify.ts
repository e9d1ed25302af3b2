import type { z } from 'zod';
import { AuditRecordView, type AuditVerifyReport } from '../../ipc/contract/audit';
import { GENESIS_HASH, hashRecord, type AuditRecord } from './audit-record';

/** The chain head kept in the keychain: the last record the console anchored. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** What the keychain said about the head. */
export type HeadLookup = { kind: 'found'; head: ChainHead } | { kind: 'missing' } | { kind: 'unavailable' };

/** The verify report. */
export type VerifyReport = z.output<typeof AuditVerifyReport>;

/** Outcome of reading the log's lines: the records up to the first broken link. */
export interface ChainScan {
  readonly records: AuditRecord[];
  readonly firstBroken: VerifyReport['firstBroken'];
}

const StoredRecord = AuditRecordView.strict();

/** Walks the lines in order and stops at the first that does not continue the chain. */
export function scanChain(lines: readonly string[]): ChainScan {
  const records: AuditRecord[] = [];
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { records, firstBroken: { line: lineNo, seq: null, reason: 'the line is not JSON (edited or torn)', code: 'audit.verify_not_json' } };
    }
    const parsed = StoredRecord.safeParse(value);
    if (!parsed.success) return { records, firstBroken: { line: lineNo, seq: null, reason: 'the record does not have the audit record shape', code: 'audit.verify_bad_shape' } };
    const record = parsed.data;
    if (record.seq !== prev.seq + 1) {
      return { records, firstBroken: { line: lineNo, seq: record.seq, reason: `sequence jumps from ${prev.seq} to ${record.seq} (records removed or reordered)`, code: 'audit.verify_sequence_gap', params: { from: String(prev.seq), to: String(record.seq) } } };
    }
    if (record.prev !== prev.hash) return { records, firstBroken: { line: lineNo, seq: record.seq, reason: 'the link to the previous record does not match (a record before it was changed or removed)', code: 'audit.verify_link_broken' } };
    if (hashRecord(record) !== record.hash) return { records, firstBroken: { line: lineNo, seq: record.seq, reason: 'the record content does not match its hash (edited)', code: 'audit.verify_hash_mismatch' } };
    records.push(record);
    prev = record;
  }
  return { records, firstBroken: null };
}

/** Checks the whole log against itself and against the keychain head. */
export function verifyChain(lines: readonly string[], head: HeadLookup, now: Date = new Date()): VerifyReport {
  const scan = scanChain(lines);
  const base = { records: scan.records.length, checkedAt: now.toISOString(), unanchored: 0 };
  if (scan.firstBroken) return { ...base, ok: false, firstBroken: scan.firstBroken, anchor: head.kind === 'found' ? 'mismatch' : head.kind };
  const last = scan.records.at(-1);
  if (head.kind !== 'found') {
    if (!last) return { ...base, ok: true, firstBroken: null, anchor: 'empty' };
    // A log without a head in a reachable keychain cannot prove it was not rewritten wholesale.
    return { ...base, ok: head.kind === 'unavailable', firstBroken: null, anchor: head.kind };
  }
  if (!last || last.seq < head.head.seq) {
    const line = (last?.seq ?? 0) + 1;
    return { ...base, ok: false, anchor: 'truncated', firstBroken: { line, seq: line, reason: `records ${line}–${head.head.seq} are missing (the log was truncated)`, code: 'audit.verify_truncated', params: { from: String(line), to: String(head.head.seq) } } };
  }
  const anchored = scan.records[head.head.seq - 1];
  if (!anchored || anchored.hash !== head.head.hash) {
    return { ...base, ok: false, anchor: 'mismatch', firstBroken: { line: head.head.seq, seq: head.head.seq, reason: 'the log was rewritten: record does not match the chain head kept in the keychain', code: 'audit.verify_rewritten' } };
  }
  const unanchored = last.seq - head.head.seq;
  return { ...base, ok: true, firstBroken: null, anchor: unanchored > 0 ? 'unanchored-tail' : 'match', unanchored };
}
