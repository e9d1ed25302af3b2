import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-main/services/errors/app-error';
import { parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { openSshHostToken } from '../../../src-main/services/ssh/host-id';
import type { ConnectionLoss } from '../../../src-main/services/ssh/ssh-connection';
import { streamZeros } from '../../support/ssh-traffic';
import { startSshd, type TestSshd } from '../../support/sshd';
import { createSshStack } from './ssh-stack';

/**
 * An impostor: an ssh2 server whose host key can be swapped between key exchanges. No real SSH server
 * does this on its own (sshd keeps the keys it started a connection with), which is exactly why a
 * key that changes mid-session must be treated as an interception.
 */
interface Impostor {
  readonly port: number;
  readonly publicKeyLine: string;
  /** From the next key exchange on, every connection presents this private key's public half. */
  swapHostKey(privateKeyPem: string): void;
  close(): Promise<void>;
}

let dir: string;
let keyA: string;
let keyB: string;

function keygen(name: string): string {
  const file = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
  return file;
}

async function startImpostor(hostKeyFile: string): Promise<Impostor> {
  const hostKeys: Record<string, unknown>[] = [];
  const server = new ssh2.Server({ hostKeys: [readFileSync(hostKeyFile)] }, (client) => {
    const protocol = (client as unknown as { _protocol: { _hostKeys: Record<string, unknown> } })._protocol;
    hostKeys.push(protocol._hostKeys);
    client.on('authentication', (ctx) => ctx.accept());
    client.on('ready', () => client.on('session', (accept) => accept().on('exec', (acceptExec) => {
      const channel = acceptExec();
      channel.end('ok\n');
      channel.exit(0);
    })));
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    publicKeyLine: readFileSync(`${hostKeyFile}.pub`, 'utf8'),
    swapHostKey(pem) {
      const parsed = ssh2.utils.parseKey(readFileSync(pem));
      for (const map of hostKeys) map['ssh-ed25519'] = parsed;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'aksc-rekey-keys-'));
  keyA = keygen('host-a');
  keyB = keygen('host-b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the host key at a key re-exchange', () => {
  it('a different key mid-session ends the session with "the host key changed during the session", audited', async () => {
    const impostor = await startImpostor(keyA);
    const stack = await createSshStack();
    try {
      const key = parsePublicKeyLine(impostor.publicKeyLine)!;
      // Trusted for good measure: even a key the store knows may not replace the verified one mid-session.
      await stack.store.add(openSshHostToken('127.0.0.1', impostor.port), key.keyType, key.blob, 'operator');
      const other = parsePublicKeyLine(readFileSync(`${keyB}.pub`, 'utf8'))!;
      await stack.store.add(openSshHostToken('127.0.0.1', impostor.port), other.keyType, other.blob, 'operator');
      const connection = await stack.connector.connect({
        target: { route: { kind: 'direct', host: '127.0.0.1', port: impostor.port }, username: 'u', auth: { method: 'password', password: 'p' } },
        requester: 'impostor',
      });
      const lost = new Promise<ConnectionLoss | undefined>((resolve) => connection.onDidClose(resolve));
      await connection.rekey();
      expect(connection.rekeys).toBe(1);
      impostor.swapHostKey(keyB);
      const error = await connection.rekey().catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('ssh.host_key_changed_in_session');
      expect((error as Error).message).toMatch(/host key changed during the session/);
      expect(await lost).toMatchObject({ code: 'ssh.host_key_changed_in_session' });
      expect(connection.isClosed).toBe(true);
      expect(stack.asked).toHaveLength(0);
      expect(stack.audited).toContainEqual(
        expect.objectContaining({ type: 'hostkey.decision', outcome: 'denied', details: expect.objectContaining({ decision: 'refused-changed-in-session' }) }),
      );
    } finally {
      await stack.close();
      await impostor.close();
    }
  });
});

describe('client-initiated key re-exchange', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.close());

  it('re-exchanges keys from our side while data flows; every byte arrives and no question is asked', async () => {
    const stack = await createSshStack();
    try {
      const connection = await stack.connector.connect({ target: await stack.keyTarget(sshd), requester: 'client-rekey' });
      const bytes = 8 * 1024 * 1024;
      const channel = await connection.exec(`for i in 1 2 3 4; do head -c ${bytes / 4} /dev/zero; sleep 0.3; done`);
      let received = 0;
      const done = new Promise<void>((resolve) => channel.on('close', resolve));
      channel.on('data', (chunk: Buffer) => (received += chunk.length));
      for (let i = 0; i < 3; i++) await connection.rekey();
      await done;
      expect(received).toBe(bytes);
      expect(connection.rekeys).toBe(3);
      expect(stack.asked).toHaveLength(0);
      await connection.close();
    } finally {
      await stack.close();
    }
  });

  it('re-exchanges keys on its own at the configured interval while a command streams', async () => {
    const stack = await createSshStack({ timings: { handshakeTimeoutMs: 10_000, keepaliveIntervalMs: 2_000, keepaliveCountMax: 3, rekeyIntervalMs: 300 } });
    try {
      const connection = await stack.connector.connect({ target: await stack.keyTarget(sshd), requester: 'interval-rekey' });
      const bytes = 4 * 1024 * 1024;
      expect(await streamZeros(connection, bytes, 4)).toBe(bytes);
      expect(connection.rekeys).toBeGreaterThanOrEqual(2);
      expect(await streamZeros(connection, 1024)).toBe(1024);
      await connection.close();
    } finally {
      await stack.close();
    }
  });
});
