import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfoValue } from '../../../src-main/services/sessions/types';
import { runRemote } from '../../../src-main/services/ssh/remote-exec';
import { startConnectivityWorld, until, type ConnectivityWorld } from '../kubectl/connectivity-world';

let world: ConnectivityWorld;

beforeAll(async () => {
  world = await startConnectivityWorld(0);
});
afterAll(async () => {
  await world?.close();
});

function collect(sessionId: string) {
  const { manager } = world.connectivity;
  let text = '';
  const states: SessionInfoValue[] = [];
  const offs = [
    manager.onDidData((e) => {
      if (e.sessionId !== sessionId) return;
      text += e.data;
      manager.session(sessionId).ack(e.bytes);
    }),
    manager.onDidChangeSession((s) => s.sessionId === sessionId && states.push(s)),
  ];
  return { text: () => text, last: () => states.at(-1), states, off: () => offs.forEach((o) => o()) };
}

describe('SSH to the topology jump box', () => {
  it('an unknown jump box host key is put to the operator; refusing it leaves the session failed and sends nothing', async () => {
    const { manager } = world.connectivity;
    world.connectivity.prompts.onDidPrompt((p) => world.connectivity.prompts.answer(p.decisionId, 'refuse'));
    const info = await manager.openSession(await world.directTarget(), { cols: 80, rows: 24 });
    const s = collect(info.sessionId);
    await until(() => s.last()?.state === 'failed', 'failed');
    expect(s.states.map((x) => x.state)).toContain('awaiting-host-key');
    expect(s.last()!.problem).toMatchObject({ code: 'ssh.host_key_refused' });
    expect(world.asked.at(-1)).toMatchObject({ host: world.topology.jumpBox.ip, port: 22, keyType: expect.any(String), fingerprint: expect.stringMatching(/^SHA256:/) });
    s.off();
    await manager.closeSession(info.sessionId);
  });

  it('after pre-seeding from Azure (VM Run Command), a terminal through the Bastion stand-in opens without any question, and its Bastion session is deleted on close', async () => {
    await world.connectivity.seeder!.seed(world.ids.jumpBoxId, []);
    const asked = world.asked.length;
    const { manager } = world.connectivity;
    const info = await manager.openSession(await world.bastionTarget(), { cols: 100, rows: 30 }, 'jump via bastion');
    const s = collect(info.sessionId);
    await until(() => s.last()?.state === 'open' || s.last()?.state === 'failed', 'open');
    expect(s.last()).toMatchObject({ state: 'open', route: 'bastion' });
    manager.session(info.sessionId).write('echo "on $(hostname) as $(id -un)"; stty size\n');
    await until(() => s.text().includes(`as ${world.topology.jumpBox.user}`) && s.text().includes('30 100'), 'output');
    expect(world.asked.length).toBe(asked);
    await manager.closeSession(info.sessionId);
    s.off();
    await world.bastion.waitFor(() => world.bastion.undeleted().length === 0, 10_000);
  });

  it('runs the jump-box checks (DNS from the jump box, TCP 443, /healthz) over SSH', async () => {
    await world.connectivity.seeder!.seed(world.ids.jumpBoxId, [{ host: world.topology.jumpBox.ip, port: 22 }]);
    const { manager, jumpBoxProbe } = world.connectivity;
    const jump = { vmId: world.ids.jumpBoxId, vmName: 'vm-jump', privateIp: world.topology.jumpBox.ip, publicIp: null, pathId: 'vpn', bastionId: null };
    const signal = new AbortController().signal;
    const stranger = { ...jump, vmId: `${world.ids.jumpBoxId}-other`, privateIp: '10.9.9.9' };
    await expect(jumpBoxProbe.resolve(stranger, world.topology.apiServer.fqdn, signal)).rejects.toMatchObject({ code: 'jumpbox.no_session' });
    const info = await manager.openSession(await world.directTarget(), { cols: 80, rows: 24 });
    const s = collect(info.sessionId);
    await until(() => s.last()?.state === 'open', 'open');
    expect(await jumpBoxProbe.resolve(jump, world.topology.apiServer.fqdn, signal)).toEqual([world.topology.apiServer.ip]);
    expect(await jumpBoxProbe.resolve(jump, 'missing.privatelink.location1.azmk8s.io', signal)).toEqual([]);
    expect(await jumpBoxProbe.tcpConnect(jump, world.topology.apiServer.fqdn, 443, signal)).toMatch(/opened TCP 443/);
    expect(await jumpBoxProbe.httpsGet(jump, `https://${world.topology.apiServer.fqdn}/healthz`, signal)).toEqual({ status: 200, body: 'ok' });
    await expect(jumpBoxProbe.resolve(jump, "x'; touch /tmp/pwned; '", signal)).rejects.toMatchObject({ code: 'jumpbox.bad_host' });
    s.off();
    await manager.closeSession(info.sessionId);
  });

  it('exec on the jump box reports exit status', async () => {
    const connection = await world.connectivity.connector.connect({ target: await world.directTarget(), requester: 'exec' });
    try {
      expect(await runRemote(connection, 'getent ahosts ' + world.topology.apiServer.fqdn + ' >/dev/null; echo $?')).toMatchObject({ exitCode: 0, stdout: '0\n' });
    } finally {
      await connection.close();
    }
  });
});
