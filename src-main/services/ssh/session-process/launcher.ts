import { fork } from 'node:child_process';
import type { ToSessionProcess } from './messages';

/** A running session process: messages both ways, and its end. */
export interface SessionProcessHandle {
  readonly pid: number | undefined;
  post(message: ToSessionProcess): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended (crash, kill, or its own exit). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Starts a session process (Electron: `utilityProcess` in the glue; Node hosts: `forkSessionProcess`). */
export type SessionProcessLauncher = () => SessionProcessHandle;

/** Where the forked process's entry is and how Node runs it (tests and the demo run the TypeScript entry with tsx). */
export interface ForkOptions {
  readonly entry: string;
  readonly execArgv?: readonly string[];
}

/**
 * Starts the session process as a forked Node process (the harness's stand-in for Electron's
 * utilityProcess): structured-clone messages as utilityProcess's postMessage, stdout and stderr
 * shared with main. It ends with main: its channel closing ends it (see `src-main/session-host.ts`).
 */
export function forkSessionProcess(options: ForkOptions): SessionProcessLauncher {
  return () => {
    const child = fork(options.entry, [], { execArgv: [...(options.execArgv ?? [])], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // A send after the child died is reported by its exit; the error itself has nothing to add.
    child.on('error', () => undefined);
    return {
      pid: child.pid,
      post: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGTERM'),
    };
  };
}
