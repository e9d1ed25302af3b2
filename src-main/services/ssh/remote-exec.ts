import { AppError } from '../errors';
import type { SshConnection } from './ssh-connection';

/** What a finished remote command produced. */
export interface ExecResult {
  /** Exit status, when the command exited normally. */
  readonly exitCode: number | undefined;
  /** Signal name as the server reports it (e.g. SIGTERM), when the command was killed by one. */
  readonly signal: string | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** True when output beyond `maxOutputBytes` was dropped. */
  readonly truncated: boolean;
}

/** Limits of one remote command. */
export interface ExecOptions {
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
  readonly stdin?: string;
}

/**
 * Runs a command on the jump box over an exec channel and collects its exit status or signal.
 * A command that outlives its timeout is sent SIGKILL, its channel closed, and the call returns at once.
 */
export async function runRemote(connection: SshConnection, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxOutputBytes ?? 1024 * 1024;
  const channel = await connection.exec(command);
  return new Promise<ExecResult>((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let exitCode: number | undefined;
    let signal: string | undefined;
    let timedOut = false;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (size + chunk.length > maxBytes) {
        truncated = true;
        const room = Math.max(0, maxBytes - size);
        if (room > 0) into.push(chunk.subarray(0, room));
        size = maxBytes;
        return;
      }
      size += chunk.length;
      into.push(chunk);
    };
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        truncated,
      });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      channel.signal('KILL');
      channel.close();
      settle();
    }, timeoutMs);
    channel.on('data', collect(out));
    channel.stderr.on('data', collect(err));
    channel.on('exit', (code: number | null, sig?: string) => {
      if (typeof code === 'number') exitCode = code;
      if (sig) signal = sig;
    });
    channel.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new AppError('ssh.exec_failed', `The command could not run on the jump box: ${error.message}`, { cause: error }));
    });
    // ssh2 parses a read's packets at once: when the exit status came in the same read as the exec's
    // success, 'exit' fired before these listeners existed. 'close' carries the same status (as a child
    // process's does), so it is taken from there when 'exit' was missed.
    channel.on('close', (code?: number | null, sig?: string) => {
      if (exitCode === undefined && typeof code === 'number') exitCode = code;
      if (signal === undefined && typeof sig === 'string') signal = sig;
      settle();
    });
    if (options.stdin !== undefined) channel.end(options.stdin);
    else channel.end();
  });
}
