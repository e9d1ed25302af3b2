import { describe, expect, it } from 'vitest';
import { SessionManager } from '../../../src-main/services/sessions/session-manager';
import type { SessionInfoValue } from '../../../src-main/services/sessions/types';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import type { SshTargetValue } from '../../../src-main/services/ssh/ssh-connector';
import { startSshd } from '../../support/sshd';
import { useSshdWithStack } from './ssh-stack';
import { startStallRelay } from './stall-relay';

const ssh = useSshdWithStack();

function target(port = ssh.sshd.port): SshTargetValue {
  return { ...ssh.target, route: { kind: 'direct', host: '127.0.0.1', port } };
}

/** Follows one session: its text, states and exits; acknowledges output unless told not to. */
function follow(manager: SessionManager, sessionId: string, autoAck = true) {
  let text = '';
  const states: SessionInfoValue[] = [];
  const exits: Array<{ exitCode?: number; signal?: string }> = [];
  manager.onDidData((e) => {
    if (e.sessionId !== sessionId) return;
    text += e.data;
    if (autoAck) manager.session(sessionId).ack(e.bytes);
  });
  manager.onDidChangeSession((s) => s.sessionId === sessionId && states.push(s));
  manager.onDidExit((e) => e.sessionId === sessionId && exits.push(e));
  const until = async (predicate: () => boolean, what: string, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; text so far: ${JSON.stringify(text.slice(-300))}; states: ${states.map((s) => s.state).join(',')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    get text() {
      return text;
    },
    states,
    exits,
    until,
    last: () => states.at(-1),
  };
}

function manager(options: Partial<ConstructorParameters<typeof SessionManager>[0]> = {}): SessionManager {
  return new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, ...options });
}

describe('shell sessions on a real sshd', () => {
  it('opens an xterm-256color PTY, echoes input, resizes, and reports the exit status', async () => {
    const m = manager();
    const info = await m.openSession(target(), { cols: 80, rows: 24 });
    expect(info.state).toBe('connecting');
    const s = follow(m, info.sessionId);
    await s.until(() => s.last()?.state === 'open', 'open');
    expect(s.states.map((x) => x.state)).toEqual(['connecting', 'authenticating', 'open']);
    m.session(info.sessionId).write('echo "T=$TERM"; stty size\n');
    await s.until(() => s.text.includes('T=xterm-256color') && s.text.includes('24 80'), 'term and size');
    m.session(info.sessionId).resize(100, 30);
    m.session(info.sessionId).write('stty size\n');
    await s.until(() => s.text.includes('30 100'), 'resized');
    m.session(info.sessionId).write('exit 7\n');
    await s.until(() => s.exits.length === 1 && s.last()?.state === 'ended', 'exit');
    expect(s.exits[0]).toMatchObject({ exitCode: 7 });
    const snapshot = m.listSessions()[0]!;
    expect(snapshot.bytesIn).toBeGreaterThan(0);
    expect(snapshot.bytesOut).toBe(Buffer.byteLength('echo "T=$TERM"; stty size\nstty size\nexit 7\n'));
    await m.dispose();
  });

  it('decodes UTF-8 split across SSH packets without replacement characters', async () => {
    const m = manager();
    const info = await m.openSession(target(), { cols: 200, rows: 50 });
    const s = follow(m, info.sessionId);
    await s.until(() => s.last()?.state === 'open', 'open');
    m.session(info.sessionId).write("for i in $(seq 1 4000); do printf 'a\\343\\201\\202\\360\\237\\230\\200'; done; echo; echo END$((40+2))\n");
    await s.until(() => s.text.includes('END42'), 'done', 30_000);
    expect(s.text).not.toContain('\uFFFD');
    expect(s.text.split('aあ😀').length - 1).toBe(4000);
    await m.dispose();
  });

  it('pauses the SSH stream while output is unacknowledged and resumes on ack', async () => {
    const m = manager({ flow: { highWaterBytes: 64 * 1024, lowWaterBytes: 16 * 1024, frameMs: 16 } });
    const info = await m.openSession(target(), { cols: 80, rows: 24 });
    const s = follow(m, info.sessionId, false);
    await s.until(() => s.last()?.state === 'open', 'open');
    const session = m.session(info.sessionId);
    session.ack(session.counters().bytesIn);
    session.write('yes 0123456789012345678901234567890123456789\n');
    await s.until(() => session.counters().paused, 'paused');
    await new Promise((r) => setTimeout(r, 300));
    const held = session.counters().bytesIn;
    await new Promise((r) => setTimeout(r, 300));
    expect(session.counters().bytesIn).toBe(held);
    expect(held).toBeLessThan(64 * 1024 + 64 * 1024);
    session.ack(session.counters().unacknowledged);
    await s.until(() => session.counters().bytesIn > held + 64 * 1024 || session.counters().paused, 'resumed');
    expect(session.counters().bytesIn).toBeGreaterThan(held);
    session.write('\x03');
    await m.dispose();
  });

  it('shows "ended" with the reason when sshd restarts mid-session, and reconnects', async () => {
    const m = manager();
    const info = await m.openSession(target(), { cols: 80, rows: 24 });
    const s = follow(m, info.sessionId);
    await s.until(() => s.last()?.state === 'open', 'open');
    await ssh.sshd.stop();
    await s.until(() => s.last()?.state === 'ended' && s.last()?.problem !== undefined, 'ended with problem');
    expect(s.last()!.problem!.code).toMatch(/^ssh\.connection_(closed|lost)$/);
    expect(m.session(info.sessionId).write('x')).toBe(false);
    await ssh.sshd.start();
    await m.session(info.sessionId).reconnect();
    expect(s.last()).toMatchObject({ state: 'open', reconnects: 1 });
    m.session(info.sessionId).write('echo again-$((20+22))\n');
    await s.until(() => s.text.includes('again-42'), 'output after reconnect');
    await m.dispose();
  });

  it('declares a silently stalled connection lost through keepalives', async () => {
    const relay = await startStallRelay('127.0.0.1', ssh.sshd.port);
    await ssh.stack.store.add(`[127.0.0.1]:${relay.port}`, 'ssh-ed25519', Buffer.from(ssh.sshd.hostPublicKey.split(' ')[1]!, 'base64'), 'operator');
    const m = manager();
    try {
      const info = await m.openSession(target(relay.port), { cols: 80, rows: 24 });
      const s = follow(m, info.sessionId);
      await s.until(() => s.last()?.state === 'open', 'open');
      relay.freeze();
      await s.until(() => s.last()?.state === 'ended', 'ended after keepalive timeout', 20_000);
      expect(s.last()!.problem).toMatchObject({ code: 'ssh.keepalive_timeout' });
    } finally {
      await m.dispose();
      await relay.close();
    }
  });

  it('forgets a password once signed in: reconnecting asks for it again, a wrong one fails, the right one reopens', async () => {
    const secret = 'shell-session-test-password';
    const withPassword = await startSshd({ password: secret });
    try {
      await ssh.stack.trust(withPassword);
      const m = manager();
      const info = await m.openSession({ route: { kind: 'direct', host: '127.0.0.1', port: withPassword.port }, username: withPassword.user, auth: { method: 'password', password: secret } }, { cols: 80, rows: 24 });
      expect(info.reconnectNeedsPassword).toBe(true);
      const s = follow(m, info.sessionId);
      await s.until(() => s.last()?.state === 'open', 'open');
      m.session(info.sessionId).write('exit\n');
      await s.until(() => s.last()?.state === 'ended', 'ended');

      const session = m.session(info.sessionId);
      expect(() => session.prepareReconnect(undefined)).toThrow(expect.objectContaining({ code: 'ssh.password_needed' }));
      await expect(session.reconnect()).rejects.toMatchObject({ code: 'ssh.password_needed' });
      session.prepareReconnect('not-the-password');
      await session.reconnect();
      expect(s.last()).toMatchObject({ state: 'failed', problem: { code: 'ssh.auth_failed' } });
      session.prepareReconnect(secret);
      await session.reconnect();
      expect(s.last()?.state).toBe('open');
      expect(s.last()?.reconnects).toBe(2);
      expect(JSON.stringify(m.listSessions())).not.toContain(secret);
      expect(ssh.stack.log.lines.join('\n')).not.toContain(secret);
      await m.closeAll();
    } finally {
      await withPassword.close();
    }
  });

  it('runs checks over exec with exit status and signals', async () => {
    const connection = await ssh.stack.connector.connect({ target: target(), requester: 'exec' });
    try {
      expect(await runRemote(connection, 'printf out; printf err >&2; exit 4')).toMatchObject({ exitCode: 4, stdout: 'out', stderr: 'err', timedOut: false });
      expect(await runRemote(connection, 'kill -TERM $$')).toMatchObject({ exitCode: undefined, signal: 'SIGTERM' });
      const slow = await runRemote(connection, 'sleep 30', { timeoutMs: 300 });
      expect(slow.timedOut).toBe(true);
    } finally {
      await connection.close();
    }
  });

  it('close-all ends every session and leaves no sshd session behind', async () => {
    const m = manager();
    const offset = (await ssh.sshd.log()).length;
    const ids = await Promise.all([0, 1, 2].map(async () => (await m.openSession(target(), { cols: 80, rows: 24 })).sessionId));
    const followers = ids.map((id) => follow(m, id));
    for (const f of followers) await f.until(() => f.last()?.state === 'open', 'open');
    expect(await m.closeAll()).toEqual({ sessions: 3, tunnels: 0 });
    expect(m.listSessions()).toEqual([]);
    const count = async (pattern: RegExp) => ((await ssh.sshd.log()).slice(offset).match(pattern) ?? []).length;
    expect(await count(/Accepted publickey for akssshtest/g)).toBe(3);
    const deadline = Date.now() + 5000;
    while ((await count(/Disconnected from user akssshtest/g)) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await count(/Disconnected from user akssshtest/g)).toBe(3);
    await m.dispose();
    await expect(m.openSession(target(), { cols: 80, rows: 24 })).rejects.toThrow(/shutting down/);
  });
});
