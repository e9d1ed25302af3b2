import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionManager } from '../../src-main/services/sessions/session-manager';
import { startSshWorld, type SshWorld } from '../integration/ssh/ssh-world';
import { echoThrough, streamZeros, terminalPrints, waitUntil } from '../support/ssh-traffic';

// Soak: a terminal, an SSH tunnel and an exec stream on the hardened jump box (RekeyLimit 512K 2s,
// ClientAliveInterval 3) for a fixed number of rounds, each with a pause so time-based re-exchanges
// happen as well as volume-based ones. Bounded by ROUNDS, not by a clock; nothing is timed.
const ROUNDS = 8;
const TERMINAL_BYTES = 512 * 1024;
const TUNNEL_BYTES = 1024 * 1024;
const STREAM_BYTES = 2 * 1024 * 1024;

let w: SshWorld;

beforeAll(async () => {
  w = await startSshWorld({ profile: 'hardened' });
});
afterAll(() => w?.close());

describe('SSH through many key re-exchanges (soak)', () => {
  it.each(['direct', 'through Bastion'] as const)('a terminal, a tunnel and a stream %s: every byte accounted for, all usable at the end', async (route) => {
    const manager = new SessionManager({ connector: w.stack.connector, prompts: w.stack.prompts, log: w.stack.log });
    const connection = await w.stack.connector.connect({ target: w.target(route), requester: `soak-${route}` });
    try {
      const info = await manager.openSession(w.target(route), { cols: 120, rows: 40 });
      await waitUntil(() => manager.listSessions()[0]?.state === 'open', () => `open (state ${manager.listSessions()[0]?.state})`);
      const tunnel = await manager.openTunnel('soak', { kind: 'ssh', target: w.target(route), remoteHost: '127.0.0.1', remotePort: w.echoPort });
      const seen = { terminal: 0, tunnel: 0, stream: 0, mismatched: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const [printed, echoed, streamed] = await Promise.all([
          terminalPrints(manager, info.sessionId, TERMINAL_BYTES, `r${round}`),
          echoThrough(tunnel.localPort, TUNNEL_BYTES),
          streamZeros(connection, STREAM_BYTES),
        ]);
        seen.terminal += printed;
        seen.tunnel += echoed.received;
        seen.stream += streamed;
        if (!echoed.same) seen.mismatched += 1;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(seen).toEqual({ terminal: ROUNDS * TERMINAL_BYTES, tunnel: ROUNDS * TUNNEL_BYTES, stream: ROUNDS * STREAM_BYTES, mismatched: 0 });
      // The stream alone moves 4x the RekeyLimit volume per round (OpenSSH 9.2 re-keys far more often here).
      expect(connection.rekeys).toBeGreaterThanOrEqual(ROUNDS * 2);
      expect(await terminalPrints(manager, info.sessionId, 10, 'end')).toBe(10);
      expect(await echoThrough(tunnel.localPort, 10)).toMatchObject({ received: 10, same: true });
      expect(manager.listSessions()[0]).toMatchObject({ state: 'open' });
      expect(manager.listTunnels()[0]).toMatchObject({ state: 'ready' });
      expect(w.stack.asked).toHaveLength(0);
      console.log(`soak ${route}: ${connection.rekeys} re-exchanges on the stream connection, ${(ROUNDS * (TERMINAL_BYTES + 2 * TUNNEL_BYTES + STREAM_BYTES)) / 1024 / 1024} MiB moved`);
    } finally {
      await connection.close();
      await manager.dispose();
    }
  });
});
