import { createRequire } from 'node:module';
import type * as NodePty from 'node-pty';

/** A running process on a local pseudo-terminal. */
export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

/** What a local terminal starts. */
export interface PtySpawnSpec {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cols: number;
  readonly rows: number;
}

/** Port: starts a process on a PTY (node-pty in the app; tests may pass the same). */
export type PtySpawner = (spec: PtySpawnSpec) => PtyProcess;

/** node-pty's spawn (its N-API build: it loads in Electron without a rebuild), loaded on first use. */
export function nodePtySpawner(): PtySpawner {
  const require = createRequire(import.meta.url);
  let pty: typeof NodePty | undefined;
  return (spec) => {
    pty ??= require('node-pty') as typeof NodePty;
    const child = pty.spawn(spec.file, [...spec.args], { name: 'xterm-256color', cols: spec.cols, rows: spec.rows, cwd: spec.cwd, env: spec.env as Record<string, string> });
    return {
      pid: child.pid,
      onData: (listener) => void child.onData(listener),
      onExit: (listener) => void child.onExit(listener),
      write: (data) => child.write(data),
      resize: (cols, rows) => child.resize(cols, rows),
      pause: () => child.pause(),
      resume: () => child.resume(),
      kill: () => child.kill(),
    };
  };
}

/** The operator's login shell (Unix: $SHELL, else /bin/bash; Windows: PowerShell). */
export function defaultShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return 'powershell.exe';
  return env.SHELL && env.SHELL.startsWith('/') ? env.SHELL : '/bin/bash';
}
