import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProgram, startConnectivityWorld, until, type ConnectivityWorld } from './connectivity-world';

let world: ConnectivityWorld;

beforeAll(async () => {
  world = await startConnectivityWorld(0);
});
afterAll(async () => {
  await world?.close();
});

async function writeContext(tunnelName: string, contextName: string): Promise<string> {
  const file = path.join(world.dir, `kubeconfig-${contextName}`);
  world.dialogs.answer('kubeconfig', file);
  const preview = await world.connectivity.kubeconfig!.preview({ clusterId: world.ids.clusterId, tunnelName, contextName, target: 'pick' });
  expect(preview.diff).not.toContain('stand-in-user-token-not-a-secret');
  await world.connectivity.kubeconfig!.apply(preview.previewId);
  return file;
}

describe('kubectl through our tunnels to the private API server (real kubectl, real sshd, namespaces)', () => {
  it('the API server is not reachable from the PAW namespace directly', async () => {
    const result = await runProgram('bash', ['-c', `exec 3<>/dev/tcp/${world.topology.apiServer.ip}/443`], process.env, 5_000);
    expect(result.code).not.toBe(0);
  });

  it('SSH local port-forward through the jump box (host key pre-seeded from Azure): kubectl get --raw /version', async () => {
    const seeded = await world.connectivity.seeder!.seed(world.ids.jumpBoxId, [{ host: world.topology.jumpBox.ip, port: world.topology.jumpBox.port }]);
    expect(seeded.length).toBeGreaterThanOrEqual(2);
    const { manager } = world.connectivity;
    await manager.openTunnel('via-jump', { kind: 'ssh', target: await world.directTarget(), remoteHost: world.topology.apiServer.fqdn, remotePort: 443 });
    await until(() => manager.listTunnels().find((t) => t.name === 'via-jump')?.state === 'ready', 'tunnel ready');
    expect(world.asked).toEqual([]);
    const file = await writeContext('via-jump', 'aks-prod-via-jump');
    const config = await readFile(file, 'utf8');
    expect(config).toContain(`tls-server-name: ${world.topology.apiServer.fqdn}`);
    const result = await runProgram('kubectl', ['--kubeconfig', file, '--context', 'aks-prod-via-jump', 'get', '--raw', '/version']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ gitVersion: 'v1.31.4' });
    const seen = world.topology.apiRequests().filter((r) => r.path === '/version');
    expect(seen.at(-1)).toMatchObject({ sni: world.topology.apiServer.fqdn });
    await manager.closeTunnel('via-jump');
  });

  it('SSH over Bastion to the jump box, then port-forward to the API server (the PAW path with only 443 outbound): kubectl works', async () => {
    await world.connectivity.seeder!.seed(world.ids.jumpBoxId, []);
    const { manager } = world.connectivity;
    await manager.openTunnel('via-bastion-jump', { kind: 'ssh', target: await world.bastionTarget(), remoteHost: world.topology.apiServer.fqdn, remotePort: 443 });
    await until(() => manager.listTunnels().find((t) => t.name === 'via-bastion-jump')?.state === 'ready', 'tunnel ready');
    const file = await writeContext('via-bastion-jump', 'aks-prod-via-bastion-jump');
    const result = await runProgram('kubectl', ['--kubeconfig', file, '--context', 'aks-prod-via-bastion-jump', 'get', '--raw', '/version']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ gitVersion: 'v1.31.4' });
    await manager.closeTunnel('via-bastion-jump');
    await world.bastion.waitFor(() => world.bastion.undeleted().length === 0, 10_000);
  });

  it('Bastion tunnel straight to the managed cluster on 443: kubectl works, and every Bastion session is deleted', async () => {
    const { manager } = world.connectivity;
    const before = world.bastion.sessions().length;
    await manager.openTunnel('via-bastion', { kind: 'bastion', bastionId: world.ids.bastionId, targetResourceId: world.ids.clusterId, port: 443 });
    const file = await writeContext('via-bastion', 'aks-prod-via-bastion');
    for (const _ of [1, 2]) {
      const result = await runProgram('kubectl', ['--kubeconfig', file, '--context', 'aks-prod-via-bastion', 'get', '--raw', '/version']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ gitVersion: 'v1.31.4' });
    }
    const tunnel = manager.listTunnels().find((t) => t.name === 'via-bastion')!;
    expect(tunnel).toMatchObject({ kind: 'bastion', state: 'ready' });
    expect(tunnel.totalConnections).toBeGreaterThanOrEqual(2);
    expect(world.bastion.sessions().length).toBeGreaterThan(before);
    await manager.closeTunnel('via-bastion');
    await world.bastion.waitFor(() => world.bastion.undeleted().length === 0, 10_000);
  });

  it('a full disk while writing the kubeconfig: a clear error, the file untouched, nothing half-written; the same preview writes once space is freed', async () => {
    const { manager } = world.connectivity;
    await manager.openTunnel('via-bastion-full', { kind: 'bastion', bastionId: world.ids.bastionId, targetResourceId: world.ids.clusterId, port: 443 });
    const disk = path.join(world.dir, 'small-disk');
    await mkdir(disk);
    // A real filesystem that runs out of space: a 512 KiB tmpfs (CI and the test topology run as root).
    const mounted = await runProgram('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmpfs', disk]);
    expect(mounted.stderr, 'mounting a small tmpfs needs root').toBe('');
    try {
      const file = path.join(disk, 'config');
      await writeFile(file, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n', { mode: 0o600 });
      const original = await readFile(file);
      const filler = path.join(disk, 'filler');
      await runProgram('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k']);
      world.dialogs.answer('kubeconfig', file);
      const preview = await world.connectivity.kubeconfig!.preview({ clusterId: world.ids.clusterId, tunnelName: 'via-bastion-full', contextName: 'aks-prod-full-disk', target: 'pick' });
      await expect(world.connectivity.kubeconfig!.apply(preview.previewId)).rejects.toMatchObject({ code: 'files.disk_full', message: expect.stringContaining('left unchanged') });
      expect(await readFile(file)).toEqual(original);
      expect((await readdir(disk)).sort()).toEqual(['config', 'filler']);

      await rm(filler);
      await world.connectivity.kubeconfig!.apply(preview.previewId);
      const result = await runProgram('kubectl', ['--kubeconfig', file, '--context', 'aks-prod-full-disk', 'get', '--raw', '/version']);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toMatchObject({ gitVersion: 'v1.31.4' });
    } finally {
      await runProgram('umount', [disk]);
      await manager.closeTunnel('via-bastion-full');
    }
  });

  it('a kubeconfig whose tls-server-name does not match the certificate fails with an x509 error', async () => {
    const { manager } = world.connectivity;
    await manager.openTunnel('via-bastion-2', { kind: 'bastion', bastionId: world.ids.bastionId, targetResourceId: world.ids.clusterId, port: 443 });
    const file = await writeContext('via-bastion-2', 'wrong-name');
    const text = (await readFile(file, 'utf8')).replace(`tls-server-name: ${world.topology.apiServer.fqdn}`, 'tls-server-name: other.privatelink.location1.azmk8s.io');
    await writeFile(file, text);
    const result = await runProgram('kubectl', ['--kubeconfig', file, '--context', 'wrong-name', 'get', '--raw', '/version']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/x509|certificate/i);
    await manager.closeTunnel('via-bastion-2');
  });
});
