import path from 'node:path';
import { posixPolicyInspection, type PolicyInspection } from './policy-inspection';
import { runWindowsPowerShell, windowsPolicyInspection } from './windows-policy-probe';

/**
 * The machine-wide policy folder per OS (writable only by administrators; see docs/policy.md).
 * Windows: an absolute system path, never the launching user's `%ProgramData%`, which a standard
 * user can point at a folder of their own.
 */
export function defaultPolicyPath(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'win32':
      return 'C:\\ProgramData\\AksAccessConsole\\policy.json';
    case 'darwin':
      return '/Library/Application Support/AksAccessConsole/policy.json';
    default:
      return '/etc/aks-access-console/policy.json';
  }
}

/** The production inspection of this OS: the PowerShell probe on Windows, stat elsewhere. */
export function defaultPolicyInspection(filePath: string, platform: NodeJS.Platform = process.platform): () => PolicyInspection {
  if (platform !== 'win32') return () => posixPolicyInspection(filePath);
  return windowsPolicyInspection({ folder: path.win32.dirname(filePath), file: filePath, runProbe: runWindowsPowerShell });
}
