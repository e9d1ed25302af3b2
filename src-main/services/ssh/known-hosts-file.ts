import { createHmac } from 'node:crypto';
import { parsePublicKeyLine } from './host-key';

/** One usable line of an OpenSSH known_hosts file. */
export interface KnownHostsLine {
  /** Host patterns as written: plain (`host`, `[host]:port`, wildcards, `!negation`) or hashed (`|1|salt|hash`). */
  readonly hosts: string[];
  readonly keyType: string;
  readonly blob: Buffer;
  readonly revoked: boolean;
}

/** Parses a known_hosts file; `@cert-authority` lines and malformed lines are counted as skipped. */
export function parseKnownHosts(text: string): { lines: KnownHostsLine[]; skipped: number } {
  const lines: KnownHostsLine[] = [];
  let skipped = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let revoked = false;
    if (fields[0]?.startsWith('@')) {
      const marker = fields.shift();
      if (marker !== '@revoked') {
        skipped += 1;
        continue;
      }
      revoked = true;
    }
    const [hostField, ...keyFields] = fields;
    const key = hostField ? parsePublicKeyLine(keyFields.join(' ')) : undefined;
    if (!hostField || !key) {
      skipped += 1;
      continue;
    }
    lines.push({ hosts: hostField.split(','), keyType: key.keyType, blob: key.blob, revoked });
  }
  return { lines, skipped };
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function matchesHashed(pattern: string, hostToken: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(hostToken).digest('base64');
  return digest === hash;
}

function matchesOne(pattern: string, hostToken: string): boolean {
  if (pattern.startsWith('|')) return matchesHashed(pattern, hostToken);
  if (pattern.includes('*') || pattern.includes('?')) return wildcardToRegExp(pattern).test(hostToken);
  return pattern.toLowerCase() === hostToken.toLowerCase();
}

/**
 * Whether a host token (`host` or `[host]:port`) matches a known_hosts pattern list, with OpenSSH's
 * rules: any positive match and no negated match.
 */
export function hostMatches(patterns: readonly string[], hostToken: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (matchesOne(pattern.slice(1), hostToken)) return false;
    } else if (matchesOne(pattern, hostToken)) {
      matched = true;
    }
  }
  return matched;
}
