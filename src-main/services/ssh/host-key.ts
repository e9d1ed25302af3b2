import { createHash } from 'node:crypto';

/** The algorithm name inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, `ecdsa-sha2-nistp256`…). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob too short');
  const length = blob.readUInt32BE(0);
  if (length < 1 || length > 64 || 4 + length > blob.length) throw new Error('host key blob malformed');
  return blob.subarray(4, 4 + length).toString('ascii');
}

/** OpenSSH's fingerprint of a public key blob: `SHA256:` + unpadded base64 of its SHA-256. */
export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** A public key line (`type base64 [comment]`) split into its type and blob; undefined when malformed. */
export function parsePublicKeyLine(line: string): { keyType: string; blob: Buffer; comment: string } | undefined {
  const parts = line.trim().split(/\s+/);
  if (parts.length < 2) return undefined;
  const [keyType, base64, ...rest] = parts as [string, string, ...string[]];
  if (!/^[A-Za-z0-9+/]+={0,3}$/.test(base64)) return undefined;
  const blob = Buffer.from(base64, 'base64');
  try {
    if (keyTypeOfBlob(blob) !== keyType) return undefined;
  } catch {
    return undefined;
  }
  return { keyType, blob, comment: rest.join(' ') };
}

/** The server host-key algorithms that a stored key type can be negotiated with. */
export function hostKeyAlgorithmsFor(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  return [keyType];
}

/** ssh2's default server host-key algorithm order, most preferred first. */
export const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

/**
 * Algorithm order that prefers the key types already trusted for a host (as OpenSSH does), so a
 * host known by its ed25519 key is not asked for an RSA key that would look "unknown".
 */
export function preferredHostKeyAlgorithms(knownKeyTypes: readonly string[]): string[] {
  const first = knownKeyTypes.flatMap(hostKeyAlgorithmsFor).filter((a) => (DEFAULT_HOST_KEY_ALGORITHMS as readonly string[]).includes(a));
  return [...new Set([...first, ...DEFAULT_HOST_KEY_ALGORITHMS])];
}
