/** Splits `SHA256:<base64>` into groups of four after the prefix so it can be compared by eye and read aloud. */
export function groupFingerprint(fingerprint: string): string {
  const match = /^(SHA256:)(.*)$/i.exec(fingerprint);
  const [prefix, body] = match ? [match[1] ?? '', match[2] ?? ''] : ['', fingerprint];
  return prefix + (body.match(/.{1,4}/g) ?? []).join(' ');
}
