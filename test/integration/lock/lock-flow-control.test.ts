/**
 * Item 11 of issue 13: a terminal must not stay paused after the idle lock. The renderer's
 * acknowledgements are flow control, not operator input: they must still reach main while the
 * console is locked, or a session that printed more than its window stays paused after unlock.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLockHandlers } from '../../../src-main/ipc/handlers/lock-handlers';
import { registerSshHandlers } from '../../../src-main/ipc/handlers/ssh-handlers';
import { IpcRouter } from '../../../src-main/ipc/router';
import { LockService } from '../../../src-main/services/lock';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { openSshHostToken } from '../../../src-main/services/ssh/host-id';
import { startSshd, type TestSshd } from '../../support/sshd';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';
import { memoryPorts } from '../../support/memory-ports';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const ALICE = { username: 'alice@contoso.example', homeAccountId: 'oid-alice.tenant' };
const LINES = 90_000; // `line-000001` … 12 bytes each with the PTY's CRLF: about 1 MiB

let sshd: TestSshd;
let dir: string;
let connectivity: Connectivity;
let lock: LockService;
let router: IpcRouter;
let keyId: string;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-lock-flow-'));
  await chmod(dir, 0o777); // the sshd's test user creates the start signal's reader side here
  connectivity = createConnectivity({ appDataDir: dir, homeDir: dir, secrets: new MemorySecretStore(), log: new MemoryLogger() });
  const key = parsePublicKeyLine(sshd.hostPublicKey)!;
  await connectivity.knownHosts.add(openSshHostToken(sshd.host, sshd.port), key.keyType, key.blob, 'operator');
  keyId = (await connectivity.keys.import('k', sshd.clientKey)).keyId;
  router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
  lock = new LockService({
    policy: () => ({ idleTimeoutMs: 3_600_000, sessionsOnLock: 'keep', lockOnOsLock: true, unlockWithoutAccount: 'end-sessions' }),
    auth: { currentAccount: async () => ALICE, reauthenticate: async () => ALICE },
    sessions: connectivity.manager,
    audit: { record: async () => undefined },
    log: new MemoryLogger(),
  });
  registerSshHandlers(router, connectivity);
  registerLockHandlers(router, { lock });
});
afterAll(async () => {
  lock?.dispose();
  await connectivity?.dispose();
  await sshd?.close();
  await rm(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('terminal flow control across the idle lock', () => {
  it('a session that prints 1 MiB while locked delivers every byte after unlock and stays live', async () => {
    const call = (channel: string, payload?: unknown) => router.dispatch(channel, payload, sender);
    let text = '';
    // The renderer as it is: it acknowledges on the session's port what xterm rendered.
    const ports = memoryPorts(sender.senderId);
    router.attachPortOpener(ports.opener);
    const opened = (await call('ssh.open', { target: { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } }, cols: 80, rows: 24 })) as { ok: true; data: { sessionId: string } };
    const sessionId = opened.data.sessionId;
    expect(await call('ssh.port', { sessionId, nonce: 'lock-flow-control-port-1' })).toMatchObject({ ok: true });
    const page = ports.pages[0]!;
    page.onFrame = (frame) => {
      if (!('data' in frame)) return;
      text += frame.data;
      if (frame.bytes > 0) page.send({ ack: frame.bytes });
    };
    await until(() => connectivity.manager.session(sessionId).snapshot().state === 'open', 'open');
    const signal = path.join(dir, 'go');
    await call('ssh.write', { sessionId, data: `stty -echo; while [ ! -e ${signal} ]; do sleep 0.05; done; seq -f 'line-%06g' 1 ${LINES}; echo STREAM-$((1+1))-END\n` });

    expect(await call('lock.now')).toMatchObject({ ok: true, data: { locked: true } });
    const before = text.length;
    await writeFile(signal, '');
    // A terminal's whole window (512 KiB) is printed while the console is locked.
    await until(() => text.length - before >= 500 * 1024 || text.includes('STREAM-2-END'), 'output beyond the window while locked');
    expect(await call('lock.unlock')).toMatchObject({ ok: true, data: { locked: false } });

    await until(() => text.includes('STREAM-2-END'), 'the end of the stream after unlock');
    const lines = text.match(/line-\d{6}\r\n/g) ?? [];
    expect(lines).toHaveLength(LINES);
    expect(lines.every((l, i) => l === `line-${String(i + 1).padStart(6, '0')}\r\n`)).toBe(true);

    await call('ssh.write', { sessionId, data: 'echo live-$((6*7))\n' });
    await until(() => text.includes('live-42'), 'the terminal answering after unlock');
    expect(connectivity.manager.session(sessionId).snapshot().state).toBe('open');
  });
});
