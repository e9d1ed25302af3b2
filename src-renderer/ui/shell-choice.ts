/**
 * Which shell the copyable commands are shown for: PowerShell on Windows (most PAWs), POSIX
 * (bash/zsh) elsewhere, until the operator picks the other one; the pick holds for every command
 * shown in this window.
 */
import { useSyncExternalStore } from 'react';
import { Emitter } from '../../src-main/services/events/emitter';

/** The shells a command is written for. */
export type ShellKind = 'posix' | 'powershell';

/** The default for a user agent: PowerShell on Windows, POSIX elsewhere. */
export function defaultShell(userAgent: string): ShellKind {
  return /Windows/i.test(userAgent) ? 'powershell' : 'posix';
}

const changes = new Emitter<[]>();
let chosen: ShellKind | undefined;

/** The shell in force now. */
export function currentShell(): ShellKind {
  return chosen ?? defaultShell(typeof navigator === 'undefined' ? '' : navigator.userAgent);
}

/** Sets the operator's pick for every copyable command. */
export function chooseShell(shell: ShellKind): void {
  chosen = shell;
  changes.fire();
}

/** React binding. */
export function useShell(): ShellKind {
  return useSyncExternalStore(changes.event, currentShell);
}
