import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamZeros } from '../../support/ssh-traffic';
import { startSshWorld, type SshWorld } from './ssh-world';

const STREAM_BYTES = 20 * 1024 * 1024;

// Reproduction of issue 22: ssh2 asks the host verifier again at every key exchange, and the
// connector answered only the first, so the first server-initiated re-exchange killed the session.
describe.each([
  ['by volume', '1M', 1],
  ['by time', 'default 1s', 8],
])('a server that re-exchanges keys %s (RekeyLimit %s)', (_how, limit, pieces) => {
  let w: SshWorld | undefined;
  beforeAll(async () => {
    w = await startSshWorld({ extraConfig: [`RekeyLimit ${limit}`] });
  });
  afterAll(() => w?.close());

  it.each(['direct', 'through Bastion'] as const)('delivers a 20 MB stream whole, %s, and the session stays usable', async (route) => {
    const connection = await w!.stack.connector.connect({ target: w!.target(route), requester: `rekey-${route}` });
    try {
      expect(await streamZeros(connection, STREAM_BYTES, pieces)).toBe(STREAM_BYTES);
      expect(connection.rekeys).toBeGreaterThanOrEqual(2);
      expect(connection.isClosed).toBe(false);
      expect(await streamZeros(connection, 1024)).toBe(1024);
      expect(w!.stack.asked).toHaveLength(0);
    } finally {
      await connection.close();
    }
  });
});
