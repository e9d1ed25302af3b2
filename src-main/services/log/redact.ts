/** Field names whose values are never logged, whatever they hold. */
const SECRET_KEY = /token|secret|password|passphrase|assertion|authorization|cookie|private.?key|code_verifier|^code$|client_info|aztoken|credential/i;

/** Strings shaped like JWTs, bearer headers or PEM keys. */
const SECRET_VALUE = [
  /eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\b(access_token|refresh_token|id_token|aztoken|code)=[^&\s"]+/gi,
];

/** The placeholder that replaces a redacted value. */
export const REDACTED = '[redacted]';

/** Removes secret-shaped substrings from free text. */
export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_VALUE) out = out.replace(pattern, (m, p1?: string) => (m.includes('=') && p1 ? `${p1}=${REDACTED}` : REDACTED));
  return out;
}

/** Deep-copies a value for logging with secret-named fields and secret-shaped strings removed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactText(value.length > 2000 ? `${value.slice(0, 2000)}…` : value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
  return out;
}
