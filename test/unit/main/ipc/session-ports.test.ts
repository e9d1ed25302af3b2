import { describe, expect, it } from 'vitest';
import { installLockGate } from '../../../../src-main/ipc/handlers/lock-handlers';
import { registerSshReattach } from '../../../../src-main/ipc/handlers/ssh-reattach';
import { IpcRouter, type SenderInfo } from '../../../../src-main/ipc/router';
import { SessionPorts } from '../../../../src-main/ipc/session-ports';
import type { PtyProcess } from '../../../../src-main/services/sessions/pty-port';
import { SessionManager } from '../../../../src-main/services/sessions/session-manager';
import type { HostKeyPrompts, SshConnector } from '../../../../src-main/services/ssh';
import { MemoryLogger } from '../../../support/memory-logger';
import { memoryPorts } from '../../../support/memory-ports';

const WINDOW: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const OTHER: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: '2' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const NONCE = 'nonce-0123456789abcdef';

/** A local shell that records what it was sent and prints on request. */
function fakeShell() {
  const calls: string[] = [];
  let print: (data: string) => void = () => undefined;
  /** What the shell prints the moment it is resumed (a stream's buffered bytes come out at once). */
  const onResume = { print: '' };
  const pty: PtyProcess = {
    pid: 1,
    onData: (listener) => void (print = listener),
    onExit: () => undefined,
    write: (data) => void calls.push(`write ${data}`),
    resize: (cols, rows) => void calls.push(`resize ${cols}x${rows}`),
    pause: () => void calls.push('pause'),
    resume: () => {
      calls.push('resume');
      if (onResume.print) print(onResume.print);
    },
    kill: () => undefined,
  };
  return { pty, calls, onResume, print: (data: string) => print(data) };
}

/** A router with the lock gate, a manager, the session ports, and one local shell opened by WINDOW through the contract. */
async function world() {
  const log = new MemoryLogger();
  const router = new IpcRouter({ isTrustedSender: () => true, log });
  let locked = false;
  installLockGate(router, { isLocked: () => locked });
  const manager = new SessionManager({ connector: {} as SshConnector, prompts: {} as HostKeyPrompts, log, flow: { highWaterBytes: 64, lowWaterBytes: 16, frameMs: 1, maxBatchBytes: 1 } });
  const ports = new SessionPorts(router, manager, log);
  const shell = fakeShell();
  router.handle('kubectl.openTerminal', ({ cols, rows }) =>
    manager.openLocalSession({ spec: { file: '/bin/sh', args: [], cwd: '/', env: {} }, label: 'k', where: { host: 'aks1', port: 443, username: 'u' }, spawn: () => shell.pty, onEnd: async () => undefined }, { cols, rows }),
  );
  router.handle('ssh.port', ({ sessionId, nonce }, { sender }) => ({ opened: ports.open(sessionId, nonce, sender) }));
  registerSshReattach(router, manager, ports);
  router.handle('ssh.close', async ({ sessionId }) => ({ closed: await manager.closeSession(sessionId) }));
  const memory = memoryPorts(WINDOW.senderId);
  const other = memoryPorts(OTHER.senderId);
  router.attachPortOpener(memory.opener);
  router.attachPortOpener(other.opener);
  const opened = await router.dispatch('kubectl.openTerminal', { clusterId: CLUSTER, tunnelName: 't', contextName: 'aks1', cols: 80, rows: 24 }, WINDOW);
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const sessionId = (opened.data as { sessionId: string }).sessionId;
  await new Promise((r) => setImmediate(r));
  return { router, manager, ports, shell, memory, other, sessionId, log, lock: (value: boolean) => void (locked = value) };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

/** A world whose window has opened the session's port; `page` is the page's end of it. */
async function worldWithPort() {
  const w = await world();
  await w.router.dispatch('ssh.port', { sessionId: w.sessionId, nonce: NONCE }, WINDOW);
  return { w, page: w.memory.pages[0]! };
}

describe('session ports (the terminal data plane)', () => {
  it('carries output held from before the port opened, then every batch, without any router observer seeing a batch', async () => {
    const w = await world();
    const observed: string[] = [];
    w.router.observeEmit((event) => observed.push(event));
    w.router.observeDispatch(({ channel }) => observed.push(channel));
    w.shell.print('banner ');
    await settle();
    expect(await w.router.dispatch('ssh.port', { sessionId: w.sessionId, nonce: NONCE }, WINDOW)).toEqual({ ok: true, data: { opened: true } });
    const page = w.memory.pages[0]!;
    expect(page.hello).toEqual({ sessionId: w.sessionId, nonce: NONCE });
    w.shell.print('prompt$ ');
    await settle();
    expect(page.received.map((f) => ('data' in f ? f.data : '')).join('')).toBe('banner prompt$ ');
    expect(page.received.every((f) => 'bytes' in f && f.bytes === Buffer.byteLength(f.data))).toBe(true);
    expect(observed).toEqual(['ssh.port']);
  });

  it('hands the port only to the window that opened the session', async () => {
    const w = await world();
    const answer = await w.router.dispatch('ssh.port', { sessionId: w.sessionId, nonce: NONCE }, OTHER);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ssh.port_refused' } });
    expect(w.other.pages).toHaveLength(0);
    expect(await w.router.dispatch('ssh.port', { sessionId: 'no-such-session', nonce: NONCE }, WINDOW)).toMatchObject({ ok: false, error: { code: 'ssh.unknown_session' } });
  });

  it('applies keystrokes before the size and acknowledgements of the same message, and reopens a paused stream on ack', async () => {
    const { w, page } = await worldWithPort();
    w.shell.print('x'.repeat(80));
    await settle();
    expect(w.shell.calls).toContain('pause');
    w.shell.calls.length = 0;
    page.send({ ack: 80, resize: { cols: 100, rows: 30 }, input: ['ls\r', 'pwd\r'] });
    expect(w.shell.calls).toEqual(['write ls\r', 'write pwd\r', 'resize 100x30', 'resume']);
  });

  it('refuses keystrokes and resizes while locked, as the invokes would be, but keeps acknowledgements flowing', async () => {
    const { w, page } = await worldWithPort();
    w.shell.print('y'.repeat(80));
    await settle();
    w.shell.calls.length = 0;
    w.lock(true);
    page.send({ input: ['rm -rf /tmp/x\r'], resize: { cols: 90, rows: 20 }, ack: 80 });
    expect(w.shell.calls).toEqual(['resume']);
    expect(page.received.at(-1)).toEqual({ refused: { code: 'lock.locked', message: expect.any(String) } });
    w.lock(false);
    page.send({ input: ['ok\r'] });
    expect(w.shell.calls).toEqual(['resume', 'write ok\r']);
  });

  it('drops malformed messages (logged), and closes the port with its session', async () => {
    const { w, page } = await worldWithPort();
    for (const bad of [null, 'ls', { input: 'ls' }, { input: [1] }, { ack: 0 }, { ack: 1.5 }, { resize: { cols: 1, rows: 1 } }, { input: ['x'.repeat(1024 * 1024 + 1)] }]) page.send(bad);
    expect(w.shell.calls.filter((c) => c.startsWith('write') || c.startsWith('resize'))).toEqual([]);
    expect(w.log.lines.filter((l) => l.includes('rejected a malformed port message'))).toHaveLength(8);
    expect(page.closed).toBe(false);
    await w.router.dispatch('ssh.close', { sessionId: w.sessionId }, WINDOW);
    expect(page.closed).toBe(true);
    w.ports.dispose();
  });

  it('a page that takes the sessions over gets what a resumed stream prints at once, and the old page nothing more', async () => {
    const { w, page: old } = await worldWithPort();
    w.shell.print('x'.repeat(80));
    await settle();
    expect(w.shell.calls).toContain('pause');
    const before = old.received.length;
    // The reload: nothing of the old page's window is acknowledged; the takeover releases it and the stream resumes.
    w.shell.onResume.print = 'resumed-at-once';
    expect(await w.router.dispatch('ssh.reattach', undefined, WINDOW)).toMatchObject({ ok: true, data: { sessionIds: [w.sessionId] } });
    await settle();
    expect(old.received.length).toBe(before);
    expect(old.closed).toBe(true);
    await w.router.dispatch('ssh.port', { sessionId: w.sessionId, nonce: 'nonce-fedcba9876543210' }, WINDOW);
    const fresh = w.memory.pages[1]!;
    expect(fresh.received.map((f) => ('data' in f ? f.data : '')).join('')).toBe('resumed-at-once');
  });
});
