import type { z } from 'zod';
import type { AuditFilter } from '../../ipc/contract/audit';
import type { AuditRecord } from './audit-record';

/** A parsed filter. */
export type AuditFilterValue = z.output<typeof AuditFilter>;

/** True when the record passes every field of the filter. */
export function matchesFilter(record: AuditRecord, filter: AuditFilterValue): boolean {
  if (filter.types?.length && !filter.types.includes(record.type)) return false;
  if (filter.outcome && record.outcome !== filter.outcome) return false;
  const time = Date.parse(record.time);
  if (filter.since && time < Date.parse(filter.since)) return false;
  if (filter.until && time > Date.parse(filter.until)) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const haystack = [record.actor ?? '', record.target ?? '', record.type, ...Object.values(record.details).flat().map(String)].join('\n').toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

const CSV_COLUMNS = ['seq', 'time', 'type', 'outcome', 'actor', 'target', 'details', 'prev', 'hash'] as const;

function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet; prefix it so it stays text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Renders records as CSV (RFC 4180, formula-safe). */
export function toCsv(records: readonly AuditRecord[]): string {
  const rows = records.map((r) =>
    CSV_COLUMNS.map((c) => csvCell(c === 'details' ? JSON.stringify(r.details) : String(r[c] ?? ''))).join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** Renders records as JSON Lines exactly as stored, so an export of the full log verifies with the CLI. */
export function toJsonLines(records: readonly AuditRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : '');
}
