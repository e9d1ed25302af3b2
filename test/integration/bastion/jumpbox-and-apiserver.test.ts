import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { IDS } from '../../standins/bastion/harness';
import { opensshArgs, runProgram, startBastionWorld, writeKubeconfig, type BastionWorld } from './bastion-topology';

let world: BastionWorld;

beforeAll(async () => {
  world = await startBastionWorld(0);
});
afterAll(async () => {
  await world?.close();
});

describe('Bastion tunnels over the hub/spoke topology', () => {
  it('keeps the API server private: the PAW cannot reach it directly', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: world.topology.apiServer.ip, port: 443, timeout: 3000 });
      socket.once('connect', () => { socket.destroy(); resolve('connected'); });
      socket.once('timeout', () => { socket.destroy(); resolve('timeout'); });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(outcome).not.toBe('connected');
  });

  it('runs a command on the jump box with OpenSSH through the tunnel, host key pinned, session deleted after', async () => {
    const { client } = world.client();
    const before = world.standIn.sessions().length;
    const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    const result = await runProgram('ssh', [...(await opensshArgs(world, listener.port)), `getent hosts ${world.topology.apiServer.fqdn}; whoami`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(world.topology.apiServer.ip);
    expect(result.stdout).toContain(world.topology.jumpBox.user);
    await world.standIn.waitFor((records) => records.length > before && records.slice(before).every((r) => r.deletedAt !== undefined && r.deleteHadNodeId));
    expect(listener.status().totalConnections).toBe(1);
    expect(listener.status().bytesIn).toBeGreaterThan(1000);
    await listener.close();
  });

  it('lets the real kubectl read /version of the private API server through a tunnel to the managed cluster', async () => {
    const { client } = world.client();
    const before = world.standIn.sessions().length;
    const listener = await client.listen({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.cluster, port: 443 } });
    const kubeconfig = await writeKubeconfig(world, listener.port);
    const result = await runProgram('kubectl', ['--kubeconfig', kubeconfig, 'get', '--raw', '/version'], 60_000);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/^v1\./) });
    expect(world.topology.apiRequests().some((r) => r.path === '/version' && r.sni === world.topology.apiServer.fqdn)).toBe(true);
    await listener.close();
    const mine = world.standIn.sessions().slice(before);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((r) => r.target.resourceId === IDS.cluster && r.target.port === 443)).toBe(true);
    await world.standIn.waitFor((records) => records.slice(before).every((r) => r.deletedAt !== undefined));
  });

  it('hands ssh2-style consumers a Duplex: the jump box greets with its SSH banner', async () => {
    const { client } = world.client();
    const connection = await client.open({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    const banner = await new Promise<string>((resolve) => connection.stream.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    expect(banner).toMatch(/^SSH-2\.0-OpenSSH/);
    await connection.close();
    expect(connection.state).toBe('closed');
  });
});
