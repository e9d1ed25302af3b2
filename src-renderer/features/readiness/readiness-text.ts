import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** One result of the workstation check, as the renderer receives it. */
export type ReadinessRow = InvokeResponse<'readiness.run'>['results'][number];

/** The i18n key and values that explain a result in the operator's language. */
export function explanation(row: ReadinessRow): { key: string; values: Record<string, string | number> } {
  return {
    key: `readiness.code.${row.code}`,
    values: { host: row.host ?? '', httpStatus: row.httpStatus ?? '', elapsedMs: row.elapsedMs ?? '', skewSeconds: row.skewSeconds ?? '' },
  };
}
