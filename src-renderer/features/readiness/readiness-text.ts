import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** One result of the workstation check, as the renderer receives it. */
export type ReadinessRow = InvokeResponse<'readiness.run'>['results'][number];

const SCHEME_NAMES: Record<string, string> = { negotiate: 'Negotiate (Kerberos)', ntlm: 'NTLM', basic: 'Basic' };

/** The i18n key and values that explain a result in the operator's language. */
export function explanation(row: ReadinessRow): { key: string; values: Record<string, string | number> } {
  if (row.code === 'proxy-auth-required' && row.proxyAuth) {
    const names = row.proxyAuth.offered.map((s) => SCHEME_NAMES[s] ?? s);
    return { key: `readiness.proxyAuth.${row.proxyAuth.reason}`, values: { schemes: names.join(', ') || '?', scheme: row.proxyAuth.scheme ? SCHEME_NAMES[row.proxyAuth.scheme]! : '' } };
  }
  return {
    key: `readiness.code.${row.code}`,
    values: { host: row.host ?? '', httpStatus: row.httpStatus ?? '', elapsedMs: row.elapsedMs ?? '', skewSeconds: row.skewSeconds ?? '' },
  };
}
