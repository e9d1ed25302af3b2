import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionManager } from '../../../src-main/services/sessions/session-manager';
import { useSshdWithStack } from './ssh-stack';

const ssh = useSshdWithStack();
let web: Server;
let webPort: number;

beforeAll(async () => {
  web = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webPort = (web.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => web?.close(r));
});

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
}

async function settle(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('the session manager leaves nothing behind', () => {
  it('after three rounds of 5 shells and 2 used tunnels, close-all returns the process to its baseline of TCP handles', async () => {
    const baseline = tcpHandles();
    for (let round = 0; round < 3; round++) {
      const manager = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log });
      for (let i = 0; i < 5; i++) await manager.openSession(ssh.target, { cols: 80, rows: 24 });
      for (const name of ['t1', 't2']) {
        const tunnel = await manager.openTunnel(name, { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
        await settle(() => manager.listTunnels().find((t) => t.name === name)?.state === 'ready');
        expect(await fetch(`http://127.0.0.1:${tunnel.localPort}/`, { headers: { connection: 'close' } }).then((r) => r.text())).toBe('ok');
      }
      await settle(() => manager.listSessions().every((s) => s.state === 'open'));
      expect(manager.listSessions().map((s) => s.state)).toEqual(['open', 'open', 'open', 'open', 'open']);
      expect(tcpHandles()).toBeGreaterThan(baseline);
      await manager.dispose();
      expect(manager.listSessions()).toEqual([]);
      expect(manager.listTunnels()).toEqual([]);
      await settle(() => tcpHandles() <= baseline);
      expect(tcpHandles()).toBe(baseline);
    }
  });
});
