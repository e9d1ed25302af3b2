import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-main/services/errors/app-error';
import { SessionManager } from '../../../src-main/services/sessions/session-manager';
import type { TunnelInfoValue } from '../../../src-main/services/sessions/types';
import { freePort } from '../../support/sshd';
import { useSshdWithStack } from './ssh-stack';

const ssh = useSshdWithStack();
let web: Server;
let webPort: number;

beforeAll(async () => {
  web = createServer((req, res) => res.end(`seen ${req.url}`));
  await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
  webPort = (web.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => web?.close(r));
});

const fast = { reconnectBaseMs: 100, reconnectMaxMs: 500, healthIntervalMs: 60_000, acceptWaitMs: 5_000 };

async function waitFor(m: SessionManager, name: string, predicate: (t: TunnelInfoValue) => boolean, what: string): Promise<TunnelInfoValue> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const info = m.listTunnels().find((t) => t.name === name);
    if (info && predicate(info)) return info;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(info)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('SSH port-forward tunnels through a real sshd', () => {
  it('forwards local connections through the jump box and counts bytes', async () => {
    const m = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, tunnelTimings: fast });
    try {
      const opened = await m.openTunnel('web', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
      const ready = await waitFor(m, 'web', (t) => t.state === 'ready', 'ready');
      expect(ready.lastHealthyAt).toBeDefined();
      const answers = await Promise.all([1, 2, 3].map((i) => fetch(`http://127.0.0.1:${opened.localPort}/x${i}`).then((r) => r.text())));
      expect(answers).toEqual(['seen /x1', 'seen /x2', 'seen /x3']);
      const after = m.listTunnels()[0]!;
      expect(after.totalConnections).toBe(3);
      expect(after.bytesIn).toBeGreaterThan(0);
      expect(after.bytesOut).toBeGreaterThan(0);
    } finally {
      await m.dispose();
    }
  });

  it('shows the target as unreachable from the jump box (down), with the reason', async () => {
    const m = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, tunnelTimings: fast });
    try {
      const closedPort = await freePort();
      await m.openTunnel('dead', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: closedPort });
      const down = await waitFor(m, 'dead', (t) => t.state === 'down', 'down');
      expect(down.problem).toMatchObject({ code: 'tunnels.target_unreachable' });
      expect(down.problem!.message).toContain(`127.0.0.1:${closedPort}`);
    } finally {
      await m.dispose();
    }
  });

  it('reconnects after sshd restarts, on the same local port, and keeps the port across close/reopen', async () => {
    const m = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, tunnelTimings: fast });
    try {
      const { localPort } = await m.openTunnel('web', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
      await waitFor(m, 'web', (t) => t.state === 'ready', 'ready');
      await ssh.sshd.stop();
      await waitFor(m, 'web', (t) => t.state === 'reconnecting', 'reconnecting');
      await ssh.sshd.start();
      const back = await waitFor(m, 'web', (t) => t.state === 'ready' && t.reconnects > 0, 'ready again');
      expect(back.localPort).toBe(localPort);
      expect(await fetch(`http://127.0.0.1:${localPort}/again`).then((r) => r.text())).toBe('seen /again');
      await m.closeTunnel('web');
      const reopened = await m.openTunnel('web', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
      expect(reopened.localPort).toBe(localPort);
    } finally {
      await m.dispose();
    }
  });

  it('asks the access check again before it reconnects: once the JIT grant has ended it stays down and connects nothing', async () => {
    let granted = true;
    const checked: string[] = [];
    const access = {
      assertMayOpen: async (request: { kind: string }) => {
        checked.push(request.kind);
        if (!granted) throw new AppError('jit.required', 'Policy requires Just-In-Time access before SSH: no JIT request is active.');
      },
    };
    const m = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, tunnelTimings: fast, access });
    try {
      await m.openTunnel('web', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
      await waitFor(m, 'web', (t) => t.state === 'ready', 'ready');
      granted = false;
      await ssh.sshd.stop();
      const before = (await ssh.sshd.log()).length;
      await ssh.sshd.start();
      const down = await waitFor(m, 'web', (t) => t.state === 'down', 'down');
      expect(down.problem).toMatchObject({ code: 'jit.required' });
      expect(checked).toEqual(['tunnel', 'tunnel']);
      expect((await ssh.sshd.log()).slice(before)).not.toMatch(/Connection from/);
    } finally {
      await m.dispose();
    }
  });

  it('refuses a taken local port and a duplicate name, and changes nothing', async () => {
    const m = new SessionManager({ connector: ssh.stack.connector, prompts: ssh.stack.prompts, log: ssh.stack.log, tunnelTimings: fast });
    try {
      const first = await m.openTunnel('a', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort });
      await expect(m.openTunnel('a', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort })).rejects.toMatchObject({ code: 'tunnels.name_taken' });
      await expect(m.openTunnel('b', { kind: 'ssh', target: ssh.target, remoteHost: '127.0.0.1', remotePort: webPort }, first.localPort)).rejects.toMatchObject({
        code: 'tunnels.port_taken',
      });
      expect(m.listTunnels().map((t) => t.name)).toEqual(['a']);
      expect(await m.closeAll()).toEqual({ sessions: 0, tunnels: 1 });
      await expect(fetch(`http://127.0.0.1:${first.localPort}/`)).rejects.toThrow();
    } finally {
      await m.dispose();
    }
  });
});
