import type { InvokeRequest, InvokeResponse } from '../../../src-main/ipc/contract';

/** The filter as the request carries it. */
export type AuditFilterRequest = NonNullable<InvokeRequest<'audit.list'>['filter']>;
/** One record as the screen receives it. */
export type AuditRow = InvokeResponse<'audit.list'>['records'][number];
/** The verify report. */
export type VerifyReport = InvokeResponse<'audit.verify'>;

/** Every record type, in the order the filter lists them. */
export const AUDIT_TYPES = [
  'app.start', 'auth.sign-in', 'auth.sign-out', 'auth.tenant-switch', 'jit.request', 'tunnel.open', 'tunnel.close',
  'ssh.open', 'ssh.close', 'hostkey.decision', 'hostkey.import', 'hostkey.seed', 'hostkey.remove', 'sshkey.import', 'sshkey.remove', 'kubeconfig.write', 'kubectl.token', 'sshconfig.write', 'command.invoke', 'policy.change',
  'checklist.export', 'audit.export', 'lock.engage', 'lock.release',
  'window.unresponsive', 'window.responsive', 'window.recovery',
  'pim.activate', 'pim.extend', 'pim.deactivate', 'pim.cancel',
  'proxy.credential-save', 'proxy.credential-forget',
] as const satisfies ReadonlyArray<AuditRow['type']>;

/** Outcomes the filter offers. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'info'] as const satisfies ReadonlyArray<AuditRow['outcome']>;

/** What the filter form holds (strings, as inputs give them). */
export interface AuditFilterForm {
  type: '' | AuditRow['type'];
  outcome: '' | AuditRow['outcome'];
  text: string;
  /** `YYYY-MM-DD` from a date input, local day. */
  since: string;
  until: string;
}

/** The empty form: everything shown. */
export const EMPTY_FILTER: AuditFilterForm = { type: '', outcome: '', text: '', since: '', until: '' };

function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Turns the form into the contract's filter, leaving out empty fields. */
export function toFilterRequest(form: AuditFilterForm): AuditFilterRequest {
  const filter: AuditFilterRequest = {};
  if (form.type) filter.types = [form.type];
  if (form.outcome) filter.outcome = form.outcome;
  const text = form.text.trim().slice(0, 200);
  if (text) filter.text = text;
  const since = dayBound(form.since, false);
  const until = dayBound(form.until, true);
  if (since) filter.since = since;
  if (until) filter.until = until;
  return filter;
}

/** A short, plain rendering of a record's details for the table. */
export function summariseDetails(details: AuditRow['details']): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`)
    .join(', ');
}

/** The i18n key and values that describe a verify report. */
export function describeVerify(report: VerifyReport): { key: string; values: Record<string, string | number> } {
  if (report.ok) return { key: report.anchor === 'match' || report.anchor === 'unanchored-tail' ? 'audit.verify.intact' : 'audit.verify.intactUnanchored', values: { records: report.records, anchor: report.anchor } };
  if (report.firstBroken) return { key: 'audit.verify.broken', values: { line: report.firstBroken.line, reason: report.firstBroken.reason, records: report.records } };
  return { key: 'audit.verify.headProblem', values: { anchor: report.anchor, records: report.records } };
}
