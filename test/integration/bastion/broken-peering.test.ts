import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelStateChange } from '../../../src-main/services/bastion/bastion-types';
import { IDS } from '../../standins/bastion/harness';
import { opensshArgs, runProgram, startBastionWorld, writeKubeconfig, type BastionWorld } from './bastion-topology';

/** Slot 1: this file cuts the peering and stops sshd, so it must not share a slot with other tests. */
let world: BastionWorld;

beforeAll(async () => {
  world = await startBastionWorld(1);
});
afterAll(async () => {
  await world?.topology.restorePeering();
  await world?.topology.startSshd().catch(() => undefined);
  expect(world?.standIn.undeleted()).toEqual([]);
  await world?.close();
});

describe('topology failures seen through Bastion', () => {
  it('a cut peering breaks the tunnel to the API server plainly, and restoring it heals the next connection', async () => {
    const { client } = world.client();
    const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.cluster, port: 443 } });
    const changes: TunnelStateChange[] = [];
    listener.onDidConnectionChange((_, change) => changes.push(change));
    const kubeconfig = await writeKubeconfig(world, listener.port);
    const kubectl = () => runProgram('kubectl', ['--kubeconfig', kubeconfig, '--request-timeout=10s', 'get', '--raw', '/healthz'], 30_000);

    await world.topology.cutPeering();
    const broken = await kubectl();
    expect(broken.code).not.toBe(0);
    expect(changes.some((c) => c.state === 'lost' && c.problem?.code === 'bastion.server_error')).toBe(true);

    await world.topology.restorePeering();
    const healed = await kubectl();
    expect(healed.stdout).toBe('ok');
    expect(healed.code).toBe(0);
    await listener.close();
  });

  it('the jump box itself cannot reach the API server while the peering is cut (the jump-box check fails)', async () => {
    const { client } = world.client();
    const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    const check = `curl -sS --max-time 5 --cacert /dev/null -k https://${world.topology.apiServer.fqdn}/healthz`;
    await world.topology.cutPeering();
    try {
      const cut = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), check]);
      expect(cut.code).not.toBe(0);
    } finally {
      await world.topology.restorePeering();
    }
    const ok = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), check]);
    expect(ok.stdout).toBe('ok');
    await listener.close();
  });

  it('sshd going down mid-session ends the tunnel as closed by the far end, and the next connection works once it is back', async () => {
    const { client } = world.client();
    const connection = await client.open({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    await new Promise((resolve) => connection.stream.once('data', resolve));
    const ended = new Promise<TunnelStateChange>((resolve) => connection.onDidChangeState(resolve));
    await world.topology.stopSshd();
    expect((await ended).state).toMatch(/^(closed|lost)$/);
    await world.topology.startSshd();
    const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    const result = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), 'echo back']);
    expect(result.stdout.trim()).toBe('back');
    await listener.close();
  });
});
