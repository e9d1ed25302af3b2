import type { z } from 'zod';
import type { AuditDetailValue } from '../../ipc/contract/audit';
import { REDACTED, redactText } from '../log';

/** Detail keys whose values are secrets: the value is replaced, the key kept (so the record shows something was withheld). */
const SECRET_KEY = /token|secret|password|passphrase|assertion|authorization|cookie|private.?key|code_verifier|^code$|client_info|credential|^key$|api.?key|sas|signature/i;

/** Detail keys that would carry terminal contents or typed input: never recorded at all. */
const TERMINAL_KEY = /^(data|output|input|stdin|stdout|stderr|screen|scrollback|terminal|keystrokes?|typed|paste|clipboard|buffer|bytes?Text|transcript)$/i;

/** `name=value` / `--name value` pairs whose name says the value is secret. */
const SECRET_WORD = '(?:password|passwd|pwd|secret|token|apikey|api-key|access-key|sas|connection-string)';
const ARGUMENT_SECRET = new RegExp(`(--?[\\w-]*${SECRET_WORD}[\\w-]*(?:=|\\s+)|\\b[\\w.-]*${SECRET_WORD}[\\w.-]*(?:=|:\\s*))(?!\\[redacted\\])("[^"]*"|'[^']*'|[^\\s"',;&]+)`, 'gi');

/** Marker for a value the audit log deliberately does not keep. */
export const NOT_RECORDED = '[not recorded]';

const MAX_STRING = 512;
const MAX_LIST = 32;
const MAX_KEYS = 40;

function clean(text: string): string {
  // Control characters (escape sequences from a hostile terminal or resource name) never reach the log.
  const printable = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  // Secrets passed as command arguments (`--from-literal=password=…`, `--token abc`) are scrubbed too.
  const redacted = redactText(printable).replace(ARGUMENT_SECRET, (_m, prefix: string) => `${prefix}${REDACTED}`);
  return redacted.length > MAX_STRING ? `${redacted.slice(0, MAX_STRING)}…` : redacted;
}

/** Redacts free text for the actor/target fields. */
export function redactAuditText(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : clean(text);
}

/**
 * Turns arbitrary details into what the audit log may keep: scalars and short string lists only,
 * secrets replaced by `[redacted]`, terminal contents dropped, secret-shaped strings scrubbed,
 * nested objects flattened to `a.b` keys (one level) so nothing hides in depth.
 */
export function redactAuditDetails(details: Record<string, unknown> | undefined): Record<string, z.output<typeof AuditDetailValue>> {
  const out: Record<string, z.output<typeof AuditDetailValue>> = {};
  const put = (key: string, value: unknown, depth: number): void => {
    if (Object.keys(out).length >= MAX_KEYS) return;
    const leaf = key.split('.').at(-1) ?? key;
    if (TERMINAL_KEY.test(leaf)) {
      out[key] = NOT_RECORDED;
      return;
    }
    if (SECRET_KEY.test(leaf)) {
      out[key] = REDACTED;
      return;
    }
    if (value === null || value === undefined) out[key] = null;
    else if (typeof value === 'string') out[key] = clean(value);
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : String(value);
    else if (typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'bigint') out[key] = value.toString();
    else if (Array.isArray(value)) out[key] = value.slice(0, MAX_LIST).map((v) => clean(typeof v === 'string' ? v : JSON.stringify(v) ?? ''));
    else if (Buffer.isBuffer(value) || value instanceof Uint8Array) out[key] = `${NOT_RECORDED} (${value.length} bytes)`;
    else if (typeof value === 'object' && depth === 0) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) put(`${key}.${k}`, v, depth + 1);
    } else out[key] = NOT_RECORDED;
  };
  for (const [key, value] of Object.entries(details ?? {})) put(clean(key).slice(0, 64), value, 0);
  return out;
}
