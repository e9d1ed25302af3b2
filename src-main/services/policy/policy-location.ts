import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Machine-wide policy file per OS (writable only by administrators; see docs/policy.md). */
export function defaultPolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'AksAccessConsole', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/AksAccessConsole/policy.json';
    default:
      return '/etc/aks-access-console/policy.json';
  }
}

/** Registry key and value Windows policy may use instead of the file (GPO / Intune ADMX ingestion). */
export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\AksAccessConsole';
/** Registry value holding the policy JSON (REG_SZ). */
export const POLICY_REGISTRY_VALUE = 'PolicyJson';

/** Reads the policy JSON from the registry output of `reg query`; null when absent. */
export function parseRegQuery(output: string): string | null {
  const line = output.split(/\r?\n/).find((l) => l.trim().startsWith(`${POLICY_REGISTRY_VALUE} `) || l.trim().startsWith(`${POLICY_REGISTRY_VALUE}\t`));
  if (!line) return null;
  const match = /^\s*\S+\s+REG_(?:SZ|EXPAND_SZ)\s+(.*)$/.exec(line);
  return match?.[1]?.trim() || null;
}

/** Reads the registry policy on Windows (null elsewhere or when absent). */
export function readRegistryPolicy(platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') return null;
  try {
    const output = execFileSync('reg', ['query', POLICY_REGISTRY_KEY, '/v', POLICY_REGISTRY_VALUE], { encoding: 'utf8', windowsHide: true, timeout: 5000 });
    return parseRegQuery(output);
  } catch {
    return null;
  }
}
