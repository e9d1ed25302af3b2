import { AppError } from '../errors';
import { preferredHostKeyAlgorithms } from './host-key';
import type { ServerOffer } from './kexinit-reader';

/**
 * What the console offers in every key exchange, most preferred first. ssh2's defaults without the
 * SHA-1 MACs; every FIPS-style server set (AES-GCM/CTR, HMAC-SHA2 ETM, NIST ECDH, ECDSA/RSA-SHA2 host
 * keys) has a match. Host-key algorithms come first for the key types the store already trusts.
 */
export const CONSOLE_ALGORITHMS = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ecdh-sha2-nistp384',
    'ecdh-sha2-nistp521',
    'diffie-hellman-group-exchange-sha256',
    'diffie-hellman-group16-sha512',
    'diffie-hellman-group18-sha512',
    'diffie-hellman-group14-sha256',
  ],
  cipher: ['aes128-gcm@openssh.com', 'aes256-gcm@openssh.com', 'chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes192-ctr', 'aes256-ctr'],
  hmac: ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512-etm@openssh.com', 'hmac-sha2-256', 'hmac-sha2-512'],
  compress: ['none', 'zlib@openssh.com', 'zlib'],
} as const;

/** The full offer for a server whose trusted key types are `knownKeyTypes` (ssh2's `algorithms`). */
export function consoleOffer(knownKeyTypes: readonly string[]): Record<keyof typeof CONSOLE_ALGORITHMS | 'serverHostKey', string[]> {
  return {
    kex: [...CONSOLE_ALGORITHMS.kex],
    serverHostKey: preferredHostKeyAlgorithms(knownKeyTypes),
    cipher: [...CONSOLE_ALGORITHMS.cipher],
    hmac: [...CONSOLE_ALGORITHMS.hmac],
    compress: [...CONSOLE_ALGORITHMS.compress],
  };
}

const MISMATCHES = [
  { pattern: /no matching key exchange/i, what: 'key exchange algorithms', server: 'kex', ours: 'kex' },
  { pattern: /no matching host key/i, what: 'host key algorithms', server: 'serverHostKey', ours: 'serverHostKey' },
  { pattern: /no matching .*cipher/i, what: 'ciphers', server: 'cipher', ours: 'cipher' },
  { pattern: /no matching .*MAC/i, what: 'MACs', server: 'mac', ours: 'hmac' },
  { pattern: /no matching .*compression/i, what: 'compression methods', server: 'compress', ours: 'compress' },
] as const;

/**
 * Turns ssh2's "Handshake failed: no matching …" into an operator-readable error that names what the
 * server accepts and what the console offers; undefined for any other failure.
 */
export function algorithmMismatch(message: string, host: string, server: ServerOffer | undefined, offered: ReturnType<typeof consoleOffer>): AppError | undefined {
  const found = MISMATCHES.find((m) => m.pattern.test(message));
  if (!found) return undefined;
  // Markers such as kex-strict-s-v00@openssh.com and ext-info-s ride in the list but are not algorithms.
  const real = server?.[found.server].filter((name) => !/^(kex-strict-|ext-info-)/.test(name));
  const accepts = real ? real.join(', ') || '(none)' : 'unknown (its offer could not be read)';
  return new AppError(
    'ssh.algorithms_mismatch',
    `${host} and the console have no ${found.what} in common. The server accepts: ${accepts}. The console offers: ${offered[found.ours].join(', ')}. ` +
      'Ask the jump box owner to allow one of the console\'s algorithms.',
  );
}
