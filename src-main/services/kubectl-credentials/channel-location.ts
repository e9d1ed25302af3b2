import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where the console listens and keeps its launch secret. */
export interface ChannelLocation {
  /** The owner-only (0700) runtime folder. */
  readonly dir: string;
  /** A Unix domain socket path, or a Windows named pipe name. */
  readonly endpoint: string;
  /** The per-launch secret (0600), beside the socket. */
  readonly secretFile: string;
  readonly kind: 'unix-socket' | 'named-pipe';
}

/** The facts that decide the location (a platform port: tests pass their own). */
export interface LocationFacts {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly uid: number | null;
  readonly username: string;
  readonly tmpdir: string;
  /** An explicit runtime folder (tests, or a kubeconfig written with `--runtime-dir`). */
  readonly override?: string | undefined;
}

/**
 * The channel's location for this OS user. Unix: `$XDG_RUNTIME_DIR/aks-console` (a per-user tmpfs
 * the OS already makes 0700) or `<tmp>/aks-console-<uid>`, with `kubectl.sock` and `kubectl.secret`.
 * Windows: a pipe named after the user (`\\.\pipe\aks-console-kubectl-<hash of user and profile>`)
 * and the secret under %LOCALAPPDATA%. Console and helper compute it the same way.
 */
export function channelLocation(facts: LocationFacts): ChannelLocation {
  if (facts.platform === 'win32') {
    const base = facts.env.LOCALAPPDATA ?? path.win32.join(facts.tmpdir, facts.username);
    const dir = facts.override ?? path.win32.join(base, 'AKS Access Console', 'run');
    const tag = createHash('sha256').update(`${facts.username}\0${dir}`).digest('hex').slice(0, 16);
    return { dir, endpoint: `\\\\.\\pipe\\aks-console-kubectl-${tag}`, secretFile: path.win32.join(dir, 'kubectl.secret'), kind: 'named-pipe' };
  }
  const runtime = facts.env.XDG_RUNTIME_DIR && path.isAbsolute(facts.env.XDG_RUNTIME_DIR) ? path.join(facts.env.XDG_RUNTIME_DIR, 'aks-console') : undefined;
  const dir = facts.override ?? runtime ?? path.join(facts.tmpdir, `aks-console-${facts.uid ?? facts.username}`);
  return { dir, endpoint: path.join(dir, 'kubectl.sock'), secretFile: path.join(dir, 'kubectl.secret'), kind: 'unix-socket' };
}
