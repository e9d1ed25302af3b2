import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../../../src-main/services/errors/app-error';
import { SessionProcess } from '../../../../../../src-main/services/ssh/session-process';
import type { SessionProcessHandle } from '../../../../../../src-main/services/ssh/session-process';
import type { FromSessionProcess, ToSessionProcess } from '../../../../../../src-main/services/ssh/session-process/messages';
import { MemoryLogger } from '../../../../../support/memory-logger';

/** A scripted process: records what main posts, answers as a test says, ends on request. */
class ScriptedProcess implements SessionProcessHandle {
  readonly pid = 4242;
  readonly posted: ToSessionProcess[] = [];
  private message: ((m: unknown) => void) | undefined;
  private exit: ((code: number | null) => void) | undefined;
  killed = false;
  post(message: ToSessionProcess): void {
    this.posted.push(message);
  }
  onMessage(listener: (m: unknown) => void): void {
    this.message = listener;
  }
  onExit(listener: (code: number | null) => void): void {
    this.exit = listener;
  }
  kill(): void {
    this.killed = true;
  }
  say(message: FromSessionProcess | Record<string, unknown>): void {
    this.message?.(message);
  }
  end(code: number | null): void {
    this.exit?.(code);
  }
}

function world() {
  const started: ScriptedProcess[] = [];
  const log = new MemoryLogger();
  const link = new SessionProcess(() => {
    const p = new ScriptedProcess();
    started.push(p);
    return p;
  }, log);
  return { link, started, log };
}

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const turn = () => new Promise((r) => setImmediate(r));

describe('SessionProcess', () => {
  it('starts no process until a connection needs one, and says "could not start" when it ends before it is up', async () => {
    const { link, started } = world();
    expect(started).toHaveLength(0);
    const dial = caught(link.dial('10.0.0.4', 22, 1000));
    expect(started).toHaveLength(1);
    started[0]!.end(1);
    const error = await dial;
    expect(isAppError(error) && error.code).toBe('ssh.session_process_failed');
  });

  it('ends every call, connection and channel of a process that dies with the reason, and the next connection starts a new one', async () => {
    const { link, started, log } = world();
    const client = link.createClient();
    const events: string[] = [];
    client.on('error', (e: Error) => events.push(`error:${isAppError(e) ? e.code : e.message}`));
    client.on('close', () => events.push('close'));
    const dial = link.dial('10.0.0.4', 22, 1000);
    const p = started[0]!;
    p.say({ op: 'hello' });
    const dialMessage = p.posted.find((m) => m.op === 'dial') as Extract<ToSessionProcess, { op: 'dial' }>;
    p.say({ op: 'dialed', call: dialMessage.call });
    const socket = await dial;
    client.connect({ sock: socket as never, username: 'u' });
    expect(p.posted.find((m) => m.op === 'connect')).toMatchObject({ client: client.id, sock: { socket: dialMessage.socket }, config: { username: 'u' } });
    const opening = caught(link.openChannel(client.id, { kind: 'shell', pty: {} }).then((channel) => {
      channel.on('close', (...args: unknown[]) => events.push(`channel-close:${args.length}`));
      return channel;
    }));
    const open = p.posted.find((m) => m.op === 'open') as Extract<ToSessionProcess, { op: 'open' }>;
    p.say({ op: 'opened', call: open.call });
    await opening;
    const pending = caught(link.dial('10.0.0.5', 22, 1000));
    p.end(null);
    expect(events).toEqual(['error:ssh.session_process_lost', 'close', 'channel-close:0']);
    const error = await pending;
    expect(isAppError(error) && error.code).toBe('ssh.session_process_lost');
    expect(log.lines.join('\n')).toMatch(/the session process ended/);
    // What refers to the dead process is dropped, and does not start a new one.
    const before = started.length;
    client.destroy();
    const channelError = await caught(link.openChannel(client.id, { kind: 'shell', pty: {} }));
    expect(isAppError(channelError) && channelError.code).toBe('ssh.session_process_lost');
    expect(started).toHaveLength(before);
    void caught(link.dial('10.0.0.4', 22, 1000));
    expect(started).toHaveLength(before + 1);
    link.dispose();
    expect(started.at(-1)!.killed).toBe(true);
  });

  it('ignores malformed messages and refuses questions about a connection main no longer has', async () => {
    const { link, started, log } = world();
    void caught(link.dial('10.0.0.4', 22, 1000));
    const p = started[0]!;
    p.say({ op: 'hello' });
    p.say({ op: 'data', pipe: 'x', data: 'not bytes' });
    p.say({ op: 'spawn-shell' });
    p.say({ op: 'verify', call: 7, client: 99, key: new Uint8Array([1, 2]) });
    p.say({ op: 'sign', call: 8, client: 99, data: new Uint8Array([1]) });
    await turn();
    expect(log.lines.filter((l) => l.includes('malformed'))).toHaveLength(2);
    expect(p.posted).toContainEqual({ op: 'verified', call: 7, ok: false });
    expect(p.posted.find((m) => m.op === 'signed')).toMatchObject({ call: 8, error: expect.any(String) });
    expect(p.posted.some((m) => m.op === 'signed' && 'signature' in m && m.signature)).toBe(false);
    link.dispose();
  });

  it('signs for a connection only while it signs in, and sends the process the public key, never the private one', async () => {
    const { link, started } = world();
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const client = link.createClient();
    client.on('error', () => undefined); // the connector always listens; dispose() ends the client with an error
    const dial = link.dial('10.0.0.4', 22, 1000);
    const p = started[0]!;
    p.say({ op: 'hello' });
    p.say({ op: 'dialed', call: (p.posted.find((m) => m.op === 'dial') as { call: number }).call });
    client.connect({
      sock: (await dial) as never,
      username: 'u',
      authHandler: ((_left: unknown, _partial: unknown, next: (m: unknown) => void) => next({ type: 'publickey', username: 'u', key: pair.private })) as never,
    });
    p.say({ op: 'auth', call: 1, client: client.id, methodsLeft: null, partial: null });
    await turn();
    const method = p.posted.find((m) => m.op === 'auth-method') as Extract<ToSessionProcess, { op: 'auth-method' }>;
    const publicKey = (ssh2.utils.parseKey(pair.public) as ssh2.ParsedKey).getPublicSSH();
    expect(method.method).toMatchObject({ type: 'signer', username: 'u' });
    expect(Buffer.from((method.method as { publicKey: Uint8Array }).publicKey).equals(publicKey)).toBe(true);
    expect(JSON.stringify(p.posted)).not.toContain(pair.private.split('\n')[1]);
    p.say({ op: 'sign', call: 2, client: client.id, data: new Uint8Array([1, 2, 3]) });
    expect(p.posted.at(-1)).toMatchObject({ op: 'signed', call: 2, signature: expect.any(Buffer) });
    p.say({ op: 'ready', client: client.id });
    p.say({ op: 'sign', call: 3, client: client.id, data: new Uint8Array([1, 2, 3]) });
    expect(p.posted.at(-1)).toMatchObject({ op: 'signed', call: 3, error: expect.any(String) });
    link.dispose();
  });
});
