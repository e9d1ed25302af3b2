import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfoValue } from '../../../src-main/services/sessions/types';
import { startConnectivityWorld, until, type ConnectivityWorld } from '../kubectl/connectivity-world';

/** Slot 2: this file cuts peering, stops sshd and breaks Bastion sessions. */
let world: ConnectivityWorld;

beforeAll(async () => {
  world = await startConnectivityWorld(2);
  await world.connectivity.seeder!.seed(world.ids.jumpBoxId, [{ host: world.topology.jumpBox.ip, port: 22 }]);
});
afterEach(async () => {
  world.bastion.resetFaults();
  await world.topology.restorePeering();
  await world.topology.startSshd();
  await world.connectivity.manager.closeAll();
});
afterAll(async () => {
  await world?.close();
});

function follow(sessionId: string) {
  const { manager } = world.connectivity;
  let text = '';
  const states: SessionInfoValue[] = [];
  manager.onDidData((e) => {
    if (e.sessionId !== sessionId) return;
    text += e.data;
    manager.session(sessionId).ack(e.bytes);
  });
  manager.onDidChangeSession((s) => s.sessionId === sessionId && states.push(s));
  return { text: () => text, last: () => states.at(-1) };
}

async function openShell(target: Awaited<ReturnType<ConnectivityWorld['directTarget']>>) {
  const info = await world.connectivity.manager.openSession(target, { cols: 80, rows: 24 });
  const s = follow(info.sessionId);
  await until(() => s.last()?.state === 'open' || s.last()?.state === 'failed', 'open');
  expect(s.last()?.state).toBe('open');
  return { id: info.sessionId, ...s };
}

describe('faults between the PAW, Bastion, the jump box and the API server', () => {
  it('a broken peering fails the jump-box TCP and /healthz checks and turns the SSH tunnel "down"; restoring it recovers', async () => {
    const { manager, jumpBoxProbe } = world.connectivity;
    const jump = { vmId: world.ids.jumpBoxId, vmName: 'vm-jump', privateIp: world.topology.jumpBox.ip, publicIp: null, pathId: 'vpn', bastionId: null };
    await openShell(await world.directTarget());
    await manager.openTunnel('api', { kind: 'ssh', target: await world.directTarget(), remoteHost: world.topology.apiServer.fqdn, remotePort: 443 });
    await until(() => manager.listTunnels()[0]?.state === 'ready', 'ready');
    await world.topology.cutPeering();
    const signal = new AbortController().signal;
    expect(await jumpBoxProbe.resolve(jump, world.topology.apiServer.fqdn, signal)).toEqual([world.topology.apiServer.ip]);
    await expect(jumpBoxProbe.tcpConnect(jump, world.topology.apiServer.fqdn, 443, signal)).rejects.toMatchObject({ code: 'jumpbox.tcp_failed' });
    await expect(jumpBoxProbe.httpsGet(jump, `https://${world.topology.apiServer.fqdn}/healthz`, signal)).rejects.toMatchObject({ code: 'jumpbox.tcp_failed' });
    const tunnel = manager.tunnel('api') as { checkHealth(): Promise<boolean> };
    expect(await tunnel.checkHealth()).toBe(false);
    expect(manager.listTunnels()[0]).toMatchObject({ state: 'down', problem: { code: 'tunnels.target_unreachable' } });
    await world.topology.restorePeering();
    expect(await tunnel.checkHealth()).toBe(true);
    expect(manager.listTunnels()[0]).toMatchObject({ state: 'ready' });
  });

  for (const fault of [
    { name: 'a Bastion drop', kind: 'drop' as const, expected: /^bastion\.dropped$/ },
    { name: 'a silent Bastion stall', kind: 'stall' as const, expected: /^(ssh\.keepalive_timeout|bastion\.unresponsive)$/ },
  ]) {
    it(`${fault.name} mid-transfer ends the session with a plain reason within the keepalive bound, and the Bastion session is deleted`, async () => {
      world.bastion.faults.faultAfterBytes = 40_000;
      world.bastion.faults.sessionFault = { kind: fault.kind };
      const shell = await openShell(await world.bastionTarget());
      world.connectivity.manager.session(shell.id).write(`: ${'x'.repeat(80_000)}\n`);
      await until(() => shell.last()?.state === 'ended', 'ended', 30_000);
      expect(shell.last()!.problem?.code).toMatch(fault.expected);
      expect(shell.last()!.problem?.message).toMatch(/Bastion|jump box/);
      await world.connectivity.manager.closeAll();
      await world.bastion.waitFor(() => world.bastion.undeleted().length === 0, 15_000);
    });
  }

  it('Bastion refusing the token (401) fails the session with the service message; nothing reaches the jump box', async () => {
    const { readFile } = await import('node:fs/promises');
    const connections = async () => ((await readFile(world.topology.jumpBox.sshdLogPath, 'utf8')).match(/Connection from/g) ?? []).length;
    // Let connections of earlier tests finish arriving before counting.
    let before = await connections();
    for (let stable = 0; stable < 5; ) {
      await new Promise((r) => setTimeout(r, 200));
      const now = await connections();
      stable = now === before ? stable + 1 : 0;
      before = now;
    }
    const minted = world.bastion.sessions().length;
    world.bastion.faults.tokens = { status: 401, body: JSON.stringify({ message: 'Unauthorized: token expired' }) };
    const info = await world.connectivity.manager.openSession(await world.bastionTarget(), { cols: 80, rows: 24 });
    const s = follow(info.sessionId);
    await until(() => s.last()?.state === 'failed', 'failed');
    expect(s.last()!.problem!.message).toMatch(/401|expired|denied|refused/i);
    expect(world.bastion.sessions().length).toBe(minted);
    await new Promise((r) => setTimeout(r, 300));
    expect(await connections()).toBe(before);
  });

  it('a token refused between connections of a Bastion tunnel shows the tunnel "down" with the reason, and it recovers on the next good connection', async () => {
    const { manager } = world.connectivity;
    const { runProgram } = await import('../kubectl/connectivity-world');
    const tunnel = await manager.openTunnel('cluster', { kind: 'bastion', bastionId: world.ids.bastionId, targetResourceId: world.ids.clusterId, port: 443 });
    const file = (await import('node:path')).join(world.dir, 'kubeconfig-faults');
    world.dialogs.answer('kubeconfig', file);
    const preview = await world.connectivity.kubeconfig!.preview({ clusterId: world.ids.clusterId, tunnelName: 'cluster', contextName: 'c', target: 'pick' });
    await world.connectivity.kubeconfig!.apply(preview.previewId);
    const kubectl = () => runProgram('kubectl', ['--kubeconfig', file, '--context', 'c', '--request-timeout', '10s', 'get', '--raw', '/version']);
    expect((await kubectl()).code).toBe(0);
    world.bastion.faults.tokens = { status: 401, body: JSON.stringify({ message: 'Token expired' }) };
    expect((await kubectl()).code).not.toBe(0);
    await until(() => manager.listTunnels()[0]?.state === 'down', 'down');
    expect(manager.listTunnels()[0]!.problem?.message).toMatch(/401|expired/i);
    world.bastion.resetFaults();
    expect((await kubectl()).code).toBe(0);
    await until(() => manager.listTunnels()[0]?.state === 'ready', 'ready again');
    expect(manager.listTunnels()[0]!.localPort).toBe(tunnel.localPort);
  });

  it('the jump box down gives "unreachable"; sshd restarting mid-session ends it, and reconnect works', async () => {
    const shell = await openShell(await world.directTarget());
    await world.topology.stopSshd();
    await until(() => shell.last()?.state === 'ended', 'ended');
    expect(shell.last()!.problem?.code).toMatch(/^ssh\.connection_(closed|lost)$/);
    await world.connectivity.manager.session(shell.id).reconnect();
    expect(shell.last()).toMatchObject({ state: 'failed', problem: { code: 'ssh.unreachable' } });
    await world.topology.startSshd();
    await world.connectivity.manager.session(shell.id).reconnect();
    expect(shell.last()).toMatchObject({ state: 'open', reconnects: 2 });
  });
});
