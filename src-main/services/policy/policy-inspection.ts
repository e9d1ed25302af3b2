import { statSync } from 'node:fs';
import path from 'node:path';

/** What the OS says of the registry policy value at one load. */
export type RegistryRead =
  | { readonly state: 'absent' }
  | { readonly state: 'value'; readonly text: string }
  | { readonly state: 'unreadable'; readonly reason: string };

/**
 * What the OS says about the policy's sources at one load: the registry value (Windows) and who may
 * change the policy file and its folder. A port, so Windows' answer (one PowerShell probe) and the
 * POSIX answer (stat) go through the same loader, and tests inject Windows-shaped answers on Linux.
 */
export interface PolicyInspection {
  readonly registry: RegistryRead;
  /** null when only administrators can change the target; otherwise why not (shown as the policy error). */
  adminOnly(target: 'file' | 'folder'): string | null;
}

/**
 * POSIX: the file and its folder must be owned by root and writable by nobody else, so no
 * unprivileged process can plant or replace the policy. There is no registry.
 */
export function posixPolicyInspection(filePath: string): PolicyInspection {
  const check = (target: string, what: string): string | null => {
    let stat;
    try {
      stat = statSync(target);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : `the policy ${what} cannot be inspected (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    }
    return stat.uid !== 0 || (stat.mode & 0o022) !== 0 ? `the policy ${what} must be owned by root and writable by nobody else` : null;
  };
  return {
    registry: { state: 'absent' },
    adminOnly: (target) => (target === 'file' ? check(filePath, 'file') : check(path.dirname(filePath), 'folder')),
  };
}
