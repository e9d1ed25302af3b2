import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-main/services/errors/app-error';
import { SessionManager } from '../../../src-main/services/sessions/session-manager';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { echoThrough, streamZeros, terminalPrints, waitUntil } from '../../support/ssh-traffic';
import { startSshd } from '../../support/sshd';
import { createSshStack } from './ssh-stack';
import { startSshWorld, type SshWorld } from './ssh-world';

// The jump box of test/support/sshd-hardened.conf: STIG/CIS settings, FIPS-style algorithm sets,
// RekeyLimit 512K 2s and ClientAliveInterval 3 / ClientAliveCountMax 1.
let w: SshWorld;

beforeAll(async () => {
  w = await startSshWorld({ profile: 'hardened' });
});
afterAll(() => w?.close());

const ROUTES = ['direct', 'through Bastion'] as const;

describe('a hardened (STIG-style, FIPS algorithms) jump box', () => {
  it.each(ROUTES)('runs commands %s over ECDSA host and client keys, across re-exchanges', async (route) => {
    const connection = await w.stack.connector.connect({ target: w.target(route), requester: `exec-${route}` });
    try {
      expect(await runRemote(connection, 'id -un; exit 4')).toMatchObject({ exitCode: 4, stdout: `${w.sshd.user}\n` });
      expect(await streamZeros(connection, 4 * 1024 * 1024)).toBe(4 * 1024 * 1024);
      expect(connection.rekeys).toBeGreaterThanOrEqual(2);
      expect(await runRemote(connection, 'echo still-here')).toMatchObject({ exitCode: 0, stdout: 'still-here\n' });
    } finally {
      await connection.close();
    }
    expect(connection.hostKeyFingerprint).toMatch(/^SHA256:/);
    expect(w.stack.asked).toHaveLength(0);
  });

  it.each(ROUTES)('keeps a terminal %s through re-exchanges and client-alive probes; every byte arrives', async (route) => {
    const manager = new SessionManager({ connector: w.stack.connector, prompts: w.stack.prompts, log: w.stack.log });
    try {
      const info = await manager.openSession(w.target(route), { cols: 120, rows: 40 });
      await waitUntil(() => manager.listSessions()[0]?.state === 'open', () => `open (state ${manager.listSessions()[0]?.state})`);
      expect(await terminalPrints(manager, info.sessionId, 3 * 1024 * 1024, 'a')).toBe(3 * 1024 * 1024);
      // Idle for more than two client-alive intervals: sshd disconnects a client that does not answer.
      await new Promise((r) => setTimeout(r, 7_000));
      expect(await terminalPrints(manager, info.sessionId, 1024, 'b')).toBe(1024);
      expect(manager.listSessions()[0]).toMatchObject({ state: 'open' });
    } finally {
      await manager.dispose();
    }
  });

  it.each(ROUTES)('carries an SSH tunnel %s, every byte echoed back unchanged across re-exchanges', async (route) => {
    const manager = new SessionManager({ connector: w.stack.connector, prompts: w.stack.prompts, log: w.stack.log });
    try {
      const opened = await manager.openTunnel('echo', { kind: 'ssh', target: w.target(route), remoteHost: '127.0.0.1', remotePort: w.echoPort });
      const result = await echoThrough(opened.localPort, 3 * 1024 * 1024);
      expect(result).toEqual({ sent: 3 * 1024 * 1024, received: 3 * 1024 * 1024, same: true });
      expect(await echoThrough(opened.localPort, 1000)).toMatchObject({ same: true });
    } finally {
      await manager.dispose();
    }
  });
});

describe('a jump box whose algorithms do not overlap with the console', () => {
  it.each([
    ['ciphers', ['Ciphers aes128-cbc'], /no ciphers in common.*accepts: aes128-cbc\..*offers: aes128-gcm@openssh\.com/],
    ['key exchange', ['KexAlgorithms sntrup761x25519-sha512@openssh.com'], /no key exchange algorithms in common.*accepts: sntrup761x25519-sha512@openssh\.com\./],
    ['MACs', ['Ciphers aes128-ctr', 'MACs hmac-sha1'], /no MACs in common.*accepts: hmac-sha1\..*offers: hmac-sha2-256-etm@openssh\.com/],
  ])('names what the server accepts (%s)', async (_what, config, expected) => {
    const sshd = await startSshd({ extraConfig: config });
    const stack = await createSshStack();
    try {
      const error = await stack.connector.connect({ target: await stack.keyTarget(sshd), requester: 'mismatch' }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.algorithms_mismatch');
      expect((error as Error).message).toMatch(expected);
    } finally {
      await stack.close();
      await sshd.close();
    }
  });
});
