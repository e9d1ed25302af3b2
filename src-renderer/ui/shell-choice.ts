/**
 * Which shell the copyable commands are shown for: PowerShell on Windows (most PAWs), POSIX
 * (bash/zsh) elsewhere, until the operator picks the other one; the pick holds for every command
 * shown in this window.
 */
import { useSyncExternalStore } from 'react';

/** The shells a command is written for. */
export type ShellKind = 'posix' | 'powershell';

/** The default for a user agent: PowerShell on Windows, POSIX elsewhere. */
export function defaultShell(userAgent: string): ShellKind {
  return /Windows/i.test(userAgent) ? 'powershell' : 'posix';
}

const listeners = new Set<() => void>();
let chosen: ShellKind | undefined;

/** The shell in force now. */
export function currentShell(): ShellKind {
  return chosen ?? defaultShell(typeof navigator === 'undefined' ? '' : navigator.userAgent);
}

/** Sets the operator's pick for every copyable command. */
export function chooseShell(shell: ShellKind): void {
  chosen = shell;
  for (const l of listeners) l();
}

/** React binding. */
export function useShell(): ShellKind {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    currentShell,
  );
}
