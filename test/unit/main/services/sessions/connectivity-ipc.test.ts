import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSshHandlers } from '../../../../../src-main/ipc/handlers/ssh-handlers';
import { IpcRouter, type EventSink } from '../../../../../src-main/ipc/router';
import { createConnectivity, type Connectivity } from '../../../../../src-main/services/sessions/connectivity';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const VM = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: https://aks1-x.privatelink.japaneast.azmk8s.io:443\n    certificate-authority-data: Q0E=\ncontexts:\n- name: aks1\n  context: {cluster: aks1, user: u}\ncurrent-context: aks1\nusers:\n- name: u\n  user:\n    client-key-data: VERYSECRETKEY\n`;

describe('connectivity over IPC', () => {
  let dir: string;
  let router: IpcRouter;
  let connectivity: Connectivity;
  let received: Array<{ event: string; payload: unknown }>;
  let log: MemoryLogger;
  let dispose: () => void;
  const hostKeys: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'conn-ipc-'));
    log = new MemoryLogger();
    router = new IpcRouter({ isTrustedSender: () => true, log });
    received = [];
    const sink: EventSink = { send: (event, payload) => received.push({ event, payload }), isAlive: () => true };
    router.attach(sink);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'hk')]);
    hostKeys.splice(0, hostKeys.length, (await readFile(path.join(dir, 'hk.pub'), 'utf8')).trim());
    connectivity = createConnectivity({
      appDataDir: dir,
      homeDir: dir,
      secrets: new MemorySecretStore(),
      log,
      azure: { readVmHostKeys: async () => [...hostKeys, 'not a key'], listClusterUserCredential: async () => KUBECONFIG },
    });
    dispose = registerSshHandlers(router, connectivity);
  });
  afterEach(async () => {
    dispose();
    await connectivity.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (channel: string, payload?: unknown) => router.dispatch(channel, payload, sender);

  it('rejects malformed requests before any service runs', async () => {
    const bad = [
      ['ssh.open', { target: { route: { kind: 'direct', host: 'a b', port: 22 }, username: 'u', auth: { method: 'agent' } }, cols: 80, rows: 24 }],
      ['ssh.open', { target: { route: { kind: 'direct', host: 'h', port: 70000 }, username: 'u', auth: { method: 'agent' } }, cols: 80, rows: 24 }],
      ['ssh.open', { target: { route: { kind: 'direct', host: 'h', port: 22 }, username: 'u;rm', auth: { method: 'agent' } }, cols: 80, rows: 24 }],
      ['ssh.open', { target: { route: { kind: 'direct', host: 'h', port: 22 }, username: 'u', auth: { method: 'agent' }, extra: 1 }, cols: 80, rows: 24 }],
      ['ssh.ack', { sessionId: 'x', bytes: -1 }],
      ['tunnels.open', { name: '../etc', via: { kind: 'bastion', bastionId: VM, targetResourceId: VM, port: 443 } }],
      ['kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 't', contextName: 'c', target: 'relative/config' }],
      ['hostkeys.decide', { decisionId: 'x', decision: 'maybe' }],
    ] as const;
    for (const [channel, payload] of bad) expect(await call(channel, payload)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(connectivity.manager.listSessions()).toEqual([]);
  });

  it('imports an SSH key and never returns or logs the key or passphrase', async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'pass-phrase-xyz', '-f', path.join(dir, 'id')]);
    const privateKey = await readFile(path.join(dir, 'id'), 'utf8');
    const result = await call('sshkeys.import', { name: 'jump', privateKey, passphrase: 'pass-phrase-xyz' });
    expect(result).toMatchObject({ ok: true, data: { name: 'jump', keyType: 'ssh-ed25519', encrypted: true } });
    const everything = JSON.stringify([result, await call('sshkeys.list'), received, log.lines]);
    expect(everything).not.toContain('pass-phrase-xyz');
    expect(everything).not.toContain(privateKey.split('\n')[1]!);
  });

  it('answers unknown sessions, tunnels and decisions with clear codes', async () => {
    expect(await call('ssh.write', { sessionId: 'nope', data: 'x' })).toMatchObject({ ok: false, error: { code: 'ssh.unknown_session' } });
    expect(await call('tunnels.close', { name: 'nope' })).toEqual({ ok: true, data: { closed: false } });
    expect(await call('hostkeys.decide', { decisionId: 'nope', decision: 'refuse' })).toMatchObject({ ok: false, error: { code: 'hostkeys.unknown_decision' } });
    expect(await call('kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 'nope', contextName: 'c' })).toMatchObject({ ok: false, error: { code: 'tunnels.unknown' } });
  });

  it('pre-seeds host keys from Azure for the VM and its address', async () => {
    const result = await call('hostkeys.seedFromAzure', { vmResourceId: VM, hosts: [{ host: '10.1.0.4', port: 22 }] });
    expect(result).toMatchObject({ ok: true });
    const list = (await call('hostkeys.list')) as { ok: true; data: Array<{ hostId: string; source: string }> };
    expect(list.data.map((k) => [k.hostId, k.source])).toEqual([
      [`azure-vm:${VM.toLowerCase()}`, 'azure'],
      ['10.1.0.4', 'azure'],
    ]);
  });

  it('imports ~/.ssh/known_hosts by default and says so when it is missing', async () => {
    expect(await call('hostkeys.importKnownHosts', {})).toMatchObject({ ok: false, error: { code: 'hostkeys.no_file' } });
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.join(dir, '.ssh'));
    await writeFile(path.join(dir, '.ssh', 'known_hosts'), `jump.example ${hostKeys[0]}\n`);
    expect(await call('hostkeys.importKnownHosts', {})).toEqual({ ok: true, data: { imported: 1, skipped: 0 } });
  });

  it('a kubeconfig preview through a tunnel masks credentials; apply writes the named context', async () => {
    await connectivity.manager.openTunnel('prod', { kind: 'ssh', target: { route: { kind: 'direct', host: '127.0.0.1', port: 1 }, username: 'u', auth: { method: 'agent' } }, remoteHost: 'aks1-x.privatelink.japaneast.azmk8s.io', remotePort: 443 });
    const port = connectivity.manager.listTunnels()[0]!.localPort;
    const target = path.join(dir, '.kube', 'config');
    const preview = (await call('kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 'prod', contextName: 'aks1-via-jump' })) as { ok: true; data: { previewId: string; diff: string } };
    expect(preview.ok).toBe(true);
    expect(preview.data.diff).toMatch(new RegExp(`\\+\\s+server: https://127\\.0\\.0\\.1:${port}\\n`));
    expect(preview.data.diff).toMatch(/\+\s+tls-server-name: aks1-x\.privatelink\.japaneast\.azmk8s\.io\n/);
    expect(preview.data.diff).not.toContain('VERYSECRETKEY');
    expect(await call('kubeconfig.apply', { previewId: preview.data.previewId })).toEqual({ ok: true, data: { path: target } });
    expect(await readFile(target, 'utf8')).toContain('client-key-data: VERYSECRETKEY');
  });

  it('exports a VS Code Remote-SSH entry only for a host whose key the console has verified', async () => {
    const request = { hostAlias: 'jump1', host: '10.1.0.4', port: 22, username: 'azureuser' };
    const configPath = path.join(dir, '.ssh', 'config');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(path.dirname(configPath));
    await writeFile(configPath, 'export PATH=/usr/bin\n');
    expect(await call('sshconfig.preview', request)).toMatchObject({ ok: false, error: { code: 'sshconfig.host_key_unknown' } });
    await call('hostkeys.seedFromAzure', { vmResourceId: VM, hosts: [{ host: '10.1.0.4', port: 22 }] });
    expect(await call('sshconfig.preview', request)).toMatchObject({ ok: false, error: { code: 'sshconfig.not_ssh_config' } });
    await writeFile(configPath, '');
    const preview = (await call('sshconfig.preview', request)) as { ok: true; data: { previewId: string; diff: string } };
    expect(preview.data.diff).toContain('+Host jump1');
    await call('sshconfig.apply', { previewId: preview.data.previewId });
    const config = await readFile(configPath, 'utf8');
    expect(config).toMatch(/HostName 10\.1\.0\.4/);
    expect(config).toMatch(/StrictHostKeyChecking yes/);
    expect(config).toMatch(/HostKeyAlias jump1/);
    const known = await readFile(path.join(dir, 'vscode_known_hosts'), 'utf8');
    expect(known.trim()).toBe(`jump1 ${hostKeys[0]!.split(' ').slice(0, 2).join(' ')}`);
  });
});
