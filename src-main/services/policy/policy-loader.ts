import { readFileSync, statSync } from 'node:fs';
import { PolicyDocument } from './policy-schema';

/** Where the policy in force came from, and what was wrong with it if anything. */
export type PolicyLoad =
  | { readonly source: 'none'; readonly location: string }
  | { readonly source: 'file' | 'registry'; readonly location: string; readonly document: PolicyDocument }
  | { readonly source: 'invalid'; readonly location: string; readonly error: string };

/** Inputs of a policy load; the registry reader is a port so tests and non-Windows hosts skip it. */
export interface PolicySources {
  readonly filePath: string;
  readonly readRegistry?: () => string | null;
  /** POSIX: refuse a file not owned by root or writable by group/others (default true). */
  readonly requireAdminOwned?: boolean;
  readonly platform?: NodeJS.Platform;
}

const MAX_POLICY_BYTES = 256 * 1024;

function parse(text: string, location: string): PolicyLoad {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) return { source: 'invalid', location, error: `the policy is larger than ${MAX_POLICY_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { source: 'invalid', location, error: `the policy is not JSON (${(error as Error).message})` };
  }
  const parsed = PolicyDocument.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { source: 'invalid', location, error: `the policy does not match its schema (${issues.join('; ')})` };
  }
  return { source: location.startsWith('HKLM') ? 'registry' : 'file', location, document: parsed.data };
}

/**
 * Reads the machine policy: the registry value wins on Windows when present, else the file.
 * Never throws: a missing file is `none`, anything unreadable or invalid is `invalid` with a reason.
 */
export function loadPolicy(sources: PolicySources): PolicyLoad {
  const fromRegistry = sources.readRegistry?.();
  if (fromRegistry) return parse(fromRegistry, 'HKLM\\SOFTWARE\\Policies\\AksAccessConsole\\PolicyJson');
  const location = sources.filePath;
  let stat;
  try {
    stat = statSync(location);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { source: 'none', location };
    return { source: 'invalid', location, error: `the policy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!stat.isFile()) return { source: 'invalid', location, error: 'the policy path is not a file' };
  const posix = (sources.platform ?? process.platform) !== 'win32';
  if (posix && (sources.requireAdminOwned ?? true) && (stat.uid !== 0 || (stat.mode & 0o022) !== 0)) {
    return { source: 'invalid', location, error: 'the policy file must be owned by root and writable by nobody else' };
  }
  try {
    return parse(readFileSync(location, 'utf8'), location);
  } catch (error) {
    return { source: 'invalid', location, error: `the policy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
