import { readFileSync, statSync } from 'node:fs';
import { posixPolicyInspection, type PolicyInspection } from './policy-inspection';
import { decodeText } from '../storage';
import { PolicyDocument } from './policy-schema';
import { POLICY_REGISTRY_KEY, POLICY_REGISTRY_VALUE } from './windows-policy-probe';

/** Where the policy in force came from, and what was wrong with it if anything. */
export type PolicyLoad =
  | { readonly source: 'none'; readonly location: string }
  | { readonly source: 'file' | 'registry'; readonly location: string; readonly document: PolicyDocument }
  | { readonly source: 'invalid'; readonly location: string; readonly error: string };

/** Inputs of a policy load; the OS inspection is a port so Windows' answers can be given on any host. */
export interface PolicySources {
  readonly filePath: string;
  /** The registry value and who may change the file (default: POSIX owner and mode of file and folder). */
  readonly inspect?: () => PolicyInspection;
  /** Check that only administrators can change the policy (default true; off only for tests run unprivileged). */
  readonly requireAdminOwned?: boolean;
  readonly platform?: NodeJS.Platform;
}

const MAX_POLICY_BYTES = 256 * 1024;
const REGISTRY_LOCATION = `${POLICY_REGISTRY_KEY}\\${POLICY_REGISTRY_VALUE}`;

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
  return { source: location === REGISTRY_LOCATION ? 'registry' : 'file', location, document: parsed.data };
}

/**
 * Reads the machine policy: the registry value wins on Windows when present, else the file.
 * Never throws: a missing file is `none`; anything unreadable, invalid, or changeable by
 * non-administrators is `invalid` with a reason (the strict policy applies). A registry that could
 * not be read is `invalid` too: an administrator's policy we cannot see is not "no policy".
 */
export function loadPolicy(sources: PolicySources): PolicyLoad {
  const inspection = (sources.inspect ?? (() => posixPolicyInspection(sources.filePath)))();
  const { registry } = inspection;
  if (registry.state === 'value') return parse(registry.text, REGISTRY_LOCATION);
  if (registry.state === 'unreadable') return { source: 'invalid', location: REGISTRY_LOCATION, error: registry.reason };
  const location = sources.filePath;
  let stat;
  try {
    stat = statSync(location);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { source: 'none', location };
    return { source: 'invalid', location, error: `the policy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!stat.isFile()) return { source: 'invalid', location, error: 'the policy path is not a file' };
  if (sources.requireAdminOwned ?? true) {
    const refusal = inspection.adminOnly('folder') ?? inspection.adminOnly('file');
    if (refusal) return { source: 'invalid', location, error: refusal };
  }
  try {
    return parse(decodeText(readFileSync(location)), location);
  } catch (error) {
    return { source: 'invalid', location, error: `the policy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}
