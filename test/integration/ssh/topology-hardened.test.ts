import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { startConnectivityWorld, until, type ConnectivityWorld } from '../kubectl/connectivity-world';
import { streamZeros, terminalPrints } from '../../support/ssh-traffic';

// Slot 9: the topology's jump box with test/support/sshd-hardened.conf (STIG/CIS settings, FIPS-style
// algorithms, RekeyLimit 512K 2s, ClientAliveInterval 3 / CountMax 1) and an ECDSA client key.
let world: ConnectivityWorld;

beforeAll(async () => {
  world = await startConnectivityWorld(9, { profile: 'hardened' });
  // Host keys as Azure reports them (VM Run Command), for the resource and for the VPN address.
  await world.connectivity.seeder!.seed(world.ids.jumpBoxId, [{ host: world.topology.jumpBox.ip, port: 22 }]);
});
afterAll(async () => {
  await world?.close();
});

/** GET `path` from the API server through a local tunnel port, with the topology's CA and the private FQDN. */
function getThrough(localPort: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: localPort, path, servername: world.topology.apiServer.fqdn, ca: world.topology.apiServerCaPem }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the hardened topology jump box', () => {
  it('is up with the hardened profile', () => {
    expect(world.topology.profile).toBe('hardened');
  });

  it.each(['direct', 'bastion'] as const)('opens a terminal (%s) that carries output across re-exchanges without a question', async (how) => {
    const { manager } = world.connectivity;
    const info = await manager.openSession(how === 'direct' ? await world.directTarget() : await world.bastionTarget(), { cols: 100, rows: 30 });
    try {
      await until(() => ['open', 'failed'].includes(manager.listSessions().find((s) => s.sessionId === info.sessionId)?.state ?? ''), 'open');
      expect(manager.listSessions().find((s) => s.sessionId === info.sessionId)).toMatchObject({ state: 'open' });
      expect(await terminalPrints(manager, info.sessionId, 2 * 1024 * 1024, how)).toBe(2 * 1024 * 1024);
      expect(world.asked).toHaveLength(0);
    } finally {
      await manager.closeSession(info.sessionId);
    }
  });

  it('runs commands and streams across re-exchanges', async () => {
    const connection = await world.connectivity.connector.connect({ target: await world.bastionTarget(), requester: 'hardened-exec' });
    try {
      expect(await runRemote(connection, 'id -un')).toMatchObject({ exitCode: 0, stdout: `${world.topology.jumpBox.user}\n` });
      expect(await streamZeros(connection, 4 * 1024 * 1024)).toBe(4 * 1024 * 1024);
      expect(connection.rekeys).toBeGreaterThanOrEqual(2);
    } finally {
      await connection.close();
    }
  });

  it('reports the exit status of every command run over Bastion (40 connections; a relay that gathers packets once lost some)', async () => {
    const statuses: Array<number | undefined> = [];
    for (let i = 0; i < 40; i++) {
      const connection = await world.connectivity.connector.connect({ target: await world.bastionTarget(), requester: 'hardened-exit-status' });
      try {
        statuses.push((await runRemote(connection, 'id -un')).exitCode);
      } finally {
        await connection.close();
      }
    }
    expect(statuses.filter((status) => status !== 0)).toEqual([]);
  }, 180_000);

  it('runs the checklist jump-box checks (DNS, TCP 443, /healthz) over SSH', async () => {
    const { manager, jumpBoxProbe } = world.connectivity;
    const jump = { vmId: world.ids.jumpBoxId, vmName: 'vm-jump', privateIp: world.topology.jumpBox.ip, publicIp: null, pathId: 'vpn', bastionId: null };
    const signal = new AbortController().signal;
    const info = await manager.openSession(await world.directTarget(), { cols: 80, rows: 24 });
    try {
      await until(() => manager.listSessions().find((s) => s.sessionId === info.sessionId)?.state === 'open', 'open');
      expect(await jumpBoxProbe.resolve(jump, world.topology.apiServer.fqdn, signal)).toEqual([world.topology.apiServer.ip]);
      expect(await jumpBoxProbe.tcpConnect(jump, world.topology.apiServer.fqdn, 443, signal)).toMatch(/opened TCP 443/);
      expect(await jumpBoxProbe.httpsGet(jump, `https://${world.topology.apiServer.fqdn}/healthz`, signal)).toEqual({ status: 200, body: 'ok' });
    } finally {
      await manager.closeSession(info.sessionId);
    }
  });

  it.each(['direct', 'bastion'] as const)('forwards an SSH tunnel (%s) to the private API server', async (how) => {
    const { manager } = world.connectivity;
    const name = `api-${how}`;
    const target = how === 'direct' ? await world.directTarget() : await world.bastionTarget();
    const opened = await manager.openTunnel(name, { kind: 'ssh', target, remoteHost: world.topology.apiServer.fqdn, remotePort: 443 });
    try {
      for (let i = 0; i < 3; i++) expect(await getThrough(opened.localPort, '/version')).toMatchObject({ status: 200, body: expect.stringContaining('gitVersion') });
    } finally {
      await manager.closeTunnel(name);
    }
  });
});
