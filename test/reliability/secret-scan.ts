/** Shapes of secrets that must never appear in IPC answers, logs or files. */
const SECRET_SHAPES: ReadonlyArray<[string, RegExp]> = [
  ['jwt', /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/g],
  ['bearer header', /\bBearer\s+[A-Za-z0-9._~+/-]{20,}/g],
  ['refresh token field', /"refresh_token"\s*:\s*"[^"]{8,}"/g],
];

/** Every secret-shaped substring in `text`, labelled (values truncated so the report is not itself a leak). */
export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const [label, pattern] of SECRET_SHAPES) for (const m of text.matchAll(pattern)) found.push(`${label}: ${m[0].slice(0, 12)}…`);
  return found;
}
