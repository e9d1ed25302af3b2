/**
 * Splits `SHA256:<base64>` into groups of four after the prefix so it can be compared by eye and
 * read aloud; a leading key type (`ssh-ed25519 SHA256:…`, as trusted keys are listed) is kept whole.
 */
export function groupFingerprint(fingerprint: string): string {
  const match = /^(?:(\S+)\s+)?(SHA256:)(\S*)$/i.exec(fingerprint.trim());
  if (!match) return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
  const [, keyType, prefix = '', body = ''] = match;
  return `${keyType ? `${keyType} ` : ''}${prefix}${(body.match(/.{1,4}/g) ?? []).join(' ')}`;
}
