import { readFile, stat } from 'node:fs/promises';
import type { AuditEvent, AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import type { FileTargetChoice, FileTargets } from '../files';
import type { KnownHostsStore } from './known-hosts-store';

const KNOWN_HOSTS_MAX_BYTES = 5 * 1024 * 1024;
const LISTED_PATTERNS = 20;
const LISTED_PATTERN_CHARS = 100;

/** At most LISTED_PATTERNS patterns, each cut to LISTED_PATTERN_CHARS, for a message and the audit log. */
function listed(patterns: readonly string[]): string[] {
  return patterns.slice(0, LISTED_PATTERNS).map((p) => (p.length > LISTED_PATTERN_CHARS ? `${p.slice(0, LISTED_PATTERN_CHARS)}…` : p));
}

async function readKnownHostsFile(filePath: string): Promise<string> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw new AppError('hostkeys.not_a_file', `${filePath} is not a file.`, { params: { path: filePath } });
    if (info.size > KNOWN_HOSTS_MAX_BYTES) throw new AppError('hostkeys.file_too_large', `${filePath} is larger than 5 MB; it is not a known_hosts file.`, { params: { path: filePath } });
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('hostkeys.no_file', `There is no known_hosts file at ${filePath}.`, { params: { path: filePath } });
    throw error;
  }
}

/**
 * Lines that trust more than one named host: wildcard (`*`, `?`) and negated (`!`) patterns, and
 * `@cert-authority` / `@revoked` marker lines. A line `* ssh-ed25519 …` would make one key good for
 * every server, so such lines need the operator's explicit confirmation.
 */
export function broadKnownHostsPatterns(text: string): string[] {
  const found = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    if (fields[0].startsWith('@')) {
      found.add(`${fields[0]} ${fields[1] ?? ''}`.trim());
      continue;
    }
    for (const pattern of fields[0].split(',')) {
      if (!pattern.startsWith('|') && /[*?]|^!/.test(pattern)) found.add(pattern);
    }
  }
  return [...found];
}

/**
 * Changes to which host keys the console trusts, each audited exactly once here (never by the IPC
 * layer): importing a known_hosts file main chooses, and removing a key.
 */
export class HostKeyTrust {
  /** Creates the service over the store, the file chooser and the audit log. */
  constructor(
    private readonly store: KnownHostsStore,
    private readonly targets: FileTargets,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Imports ~/.ssh/known_hosts or a picked file; broad lines are refused unless `confirmWildcards`. */
  async importKnownHosts(options: { target?: FileTargetChoice; confirmWildcards?: boolean }): Promise<{ imported: number; skipped: number }> {
    const filePath = await this.targets.forReading('known-hosts', options.target);
    let patterns: string[] = [];
    try {
      const text = await readKnownHostsFile(filePath);
      patterns = broadKnownHostsPatterns(text);
      if (patterns.length > 0 && options.confirmWildcards !== true) {
        await this.record({ type: 'hostkey.import', outcome: 'denied', target: filePath, details: { reason: 'wildcards_unconfirmed', patterns: listed(patterns) } });
        const more = patterns.length > LISTED_PATTERNS ? ` (and ${patterns.length - LISTED_PATTERNS} more)` : '';
        throw new AppError('hostkeys.wildcards_unconfirmed', `This file trusts keys for more than one named host: ${listed(patterns).join('  ')}${more}. Nothing was imported; confirm to import these lines too.`);
      }
      const result = await this.store.importKnownHosts(text);
      await this.record({ type: 'hostkey.import', outcome: 'success', target: filePath, details: { ...result, wildcardsConfirmed: patterns.length > 0, patterns: listed(patterns) } });
      return result;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'hostkeys.wildcards_unconfirmed') {
        await this.record({ type: 'hostkey.import', outcome: 'failure', target: filePath, details: { error: isAppError(error) ? error.code : 'internal' } });
      }
      throw error;
    }
  }

  /** Forgets a trusted key for a host id; true when something was removed. */
  async remove(hostId: string, fingerprint: string): Promise<boolean> {
    const removed = await this.store.remove(hostId, fingerprint);
    await this.record({ type: 'hostkey.remove', outcome: removed ? 'success' : 'info', target: hostId, details: { fingerprint, removed } });
    return removed;
  }

  private async record(event: AuditEvent): Promise<void> {
    await this.audit?.record(event).catch(() => undefined);
  }
}
