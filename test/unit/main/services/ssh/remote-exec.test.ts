import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRemote } from '../../../../../src-main/services/ssh/remote-exec';
import type { SshConnection } from '../../../../../src-main/services/ssh/ssh-connection';

/**
 * An exec channel as ssh2 hands it over when the exec's success, the output, the exit status and the close
 * arrived in one read: ssh2 parses them at once, so 'exit' has fired before the caller's `await` resumes,
 * and 'close' (deferred until the output is read) carries the status, as a child process's does.
 */
function channelThatExitedEarly(code: number | null, signal?: string): PassThrough & { stderr: EventEmitter; signal(): void; close(): void } {
  const channel = Object.assign(new PassThrough(), { stderr: new EventEmitter(), signal: () => undefined, close: () => undefined });
  channel.emit('exit', code, signal);
  channel.end('user\n');
  channel.once('end', () => channel.emit('close', code, signal));
  return channel;
}

function connectionWith(channel: unknown): SshConnection {
  return { exec: () => Promise.resolve(channel) } as unknown as SshConnection;
}

describe('runRemote', () => {
  it('reports the exit status that ssh2 parsed before the channel was handed over', async () => {
    const result = await runRemote(connectionWith(channelThatExitedEarly(0)), 'id -un');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'user\n', timedOut: false });
  });

  it('reports the signal of a command killed before the channel was handed over', async () => {
    const result = await runRemote(connectionWith(channelThatExitedEarly(null, 'SIGTERM')), 'sleep 9');
    expect(result).toMatchObject({ exitCode: undefined, signal: 'SIGTERM' });
  });
});
