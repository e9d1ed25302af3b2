import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOfBlob, parsePublicKeyLine } from '../../../src-main/services/ssh/host-key';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { startSshd, type TestSshd } from '../../support/sshd';
import { waitUntil } from '../../support/ssh-traffic';
import { createSshStack } from './ssh-stack';

// Planned rotation as OpenSSH's UpdateHostKeys handles it: sshd announces every host key it has
// (hostkeys-00@openssh.com) after authentication; the client asks it to prove the keys
// (hostkeys-prove-00@openssh.com, signatures over the session id) and adds the proven ones.
let sshd: TestSshd;

beforeAll(async () => {
  sshd = await startSshd({ hostKeyTypes: ['ed25519', 'ecdsa'] });
});
afterAll(() => sshd?.close());

describe('host keys announced by the server (UpdateHostKeys)', () => {
  it('adds a proven new key for a trusted host, audited, and a later connection presenting it needs no question', async () => {
    const stack = await createSshStack();
    try {
      const target = await stack.keyTarget(sshd); // trusts the ed25519 key only
      const ecdsa = parsePublicKeyLine(sshd.hostPublicKeys[1]!)!;
      expect(await stack.store.list()).toHaveLength(1);
      const first = await stack.connector.connect({ target, requester: 'rotation-1' });
      await waitUntil(() => stack.audited.length > 0, () => 'the proven key to be added');
      await first.close();
      const keys = await stack.store.list();
      expect(keys).toEqual(
        expect.arrayContaining([expect.objectContaining({ keyType: 'ecdsa-sha2-nistp256', fingerprint: fingerprintOfBlob(ecdsa.blob), source: 'server-rotation', hostId: `[127.0.0.1]:${sshd.port}` })]),
      );
      expect(keys).toHaveLength(2);
      expect(stack.audited).toEqual([
        expect.objectContaining({ type: 'hostkey.decision', outcome: 'success', details: expect.objectContaining({ decision: 'added-proven-by-server', keyType: 'ecdsa-sha2-nistp256' }) }),
      ]);

      // The owner retires the ed25519 key: the server now presents only the ECDSA key.
      await sshd.stop();
      await appendFile(path.join(sshd.dir, 'sshd_config'), 'HostKeyAlgorithms ecdsa-sha2-nistp256\n');
      await sshd.start();
      const second = await stack.connector.connect({ target, requester: 'rotation-2' });
      expect(second.hostKeyFingerprint).toBe(fingerprintOfBlob(ecdsa.blob));
      await second.close();
      expect(stack.asked).toHaveLength(0);

      // The owner removes the ed25519 key from the server: the next connection retires it (audited).
      await sshd.stop();
      const config = await readFile(path.join(sshd.dir, 'sshd_config'), 'utf8');
      await writeFile(path.join(sshd.dir, 'sshd_config'), config.split('\n').filter((l) => !/^HostKey .*ed25519/.test(l)).join('\n'));
      await sshd.start();
      const third = await stack.connector.connect({ target, requester: 'rotation-3' });
      await waitUntil(() => stack.audited.length > 1, () => 'the retired key to be audited');
      await third.close();
      expect((await stack.store.list()).map((k) => k.keyType)).toEqual(['ecdsa-sha2-nistp256']);
      expect(stack.audited.at(-1)).toEqual(expect.objectContaining({ type: 'hostkey.decision', details: expect.objectContaining({ decision: 'retired-not-announced', keyType: 'ssh-ed25519' }) }));
    } finally {
      await stack.close();
    }
  });

  it('adds nothing for a key accepted for this connection only', async () => {
    const other = await startSshd({ hostKeyTypes: ['ed25519', 'ecdsa'] });
    const stack = await createSshStack();
    try {
      stack.autoAnswer('accept-once');
      const { keyId } = await stack.vault.import('k', other.clientKey);
      const connection = await stack.connector.connect({ target: { route: { kind: 'direct', host: other.host, port: other.port }, username: other.user, auth: { method: 'key', keyId } }, requester: 'once' });
      // An exec round trip: the server's announcement comes right after authentication, before this answer.
      expect(await runRemote(connection, 'echo done')).toMatchObject({ stdout: 'done\n' });
      await connection.close();
      expect(stack.asked).toHaveLength(1);
      expect(await stack.store.list()).toEqual([]);
    } finally {
      await stack.close();
      await other.close();
    }
  });
});
