import { afterEach, describe, expect, it } from 'vitest';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { openSshHostToken } from '../../../src-main/services/ssh/host-id';
import { startSshd, type TestSshd } from '../../support/sshd';
import { startAuthFixture, type AuthFixture } from './auth-fixture';

let f: AuthFixture | undefined;
let sshd: TestSshd | undefined;
const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: 'test' };

afterEach(async () => {
  await f?.close();
  await sshd?.close();
  f = sshd = undefined;
});

/** A direct target with a trusted host key and an imported client key. */
async function jumpBox(fx: AuthFixture, server: TestSshd): Promise<object> {
  const key = parsePublicKeyLine(server.hostPublicKey)!;
  await fx.core.connectivity.knownHosts.add(openSshHostToken(server.host, server.port), key.keyType, key.blob, 'operator');
  const { keyId } = await fx.core.connectivity.keys.import('jump', server.clientKey);
  return { route: { kind: 'direct', host: server.host, port: server.port }, username: server.user, auth: { method: 'key', keyId } };
}

/** Opens a jump-box shell through the core's router. */
async function openShell(fx: AuthFixture, server: TestSshd): Promise<string> {
  const target = await jumpBox(fx, server);
  const answer = await fx.core.router.dispatch('ssh.open', { target, cols: 80, rows: 24 }, sender);
  expect(answer).toMatchObject({ ok: true, data: { state: 'connecting' } });
  const sessionId = (answer as { data: { sessionId: string } }).data.sessionId;
  await expect.poll(async () => (await sessions(fx)).find((s) => s.sessionId === sessionId)?.state, { timeout: 10_000 }).toBe('open');
  return sessionId;
}

async function sessions(fx: AuthFixture): Promise<Array<{ sessionId: string; state: string }>> {
  return ((await fx.core.router.dispatch('ssh.list', undefined, sender)) as { data: Array<{ sessionId: string; state: string }> }).data;
}

async function tunnelStates(fx: AuthFixture): Promise<string[]> {
  return ((await fx.core.router.dispatch('tunnels.list', undefined, sender)) as { data: Array<{ state: string }> }).data.map((t) => t.state);
}

async function sessionStates(fx: AuthFixture): Promise<string[]> {
  return (await sessions(fx)).map((s) => s.state);
}

describe('signing out ends what the signed-in operator opened', () => {
  it('closes every SSH session and tunnel on sign-out, and the jump box sees the connection go', async () => {
    sshd = await startSshd();
    f = await startAuthFixture();
    expect((await f.core.auth.signIn('interactive')).state).toBe('signed-in');
    await openShell(f, sshd);
    await openShell(f, sshd);
    expect(await sessionStates(f)).toEqual(['open', 'open']);
    const via = { kind: 'ssh', target: await jumpBox(f, sshd), remoteHost: '127.0.0.1', remotePort: sshd.port };
    expect(await f.core.router.dispatch('tunnels.open', { name: 'api', via }, sender)).toMatchObject({ ok: true });
    await expect.poll(() => tunnelStates(f!), { timeout: 10_000 }).toEqual(['ready']);

    expect(await f.core.router.dispatch('auth.signOut', {}, sender)).toMatchObject({ ok: true, data: { state: 'signed-out' } });

    await expect.poll(() => sessionStates(f!), { timeout: 10_000 }).not.toContain('open');
    await expect.poll(() => tunnelStates(f!), { timeout: 10_000 }).not.toContain('ready');
    await expect.poll(async () => ((await sshd!.log()).match(/Disconnected from user/g) ?? []).length, { timeout: 10_000 }).toBe(3);
  });

  it('leaves sessions of a console that was never signed in alone (VPN-only use)', async () => {
    sshd = await startSshd();
    f = await startAuthFixture();
    await openShell(f, sshd);
    expect(await f.core.router.dispatch('auth.signOut', {}, sender)).toMatchObject({ ok: true, data: { state: 'signed-out' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(await sessionStates(f)).toEqual(['open']);
  });
});
