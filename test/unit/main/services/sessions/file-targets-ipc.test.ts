import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSshHandlers } from '../../../../../src-main/ipc/handlers/ssh-handlers';
import { IpcRouter } from '../../../../../src-main/ipc/router';
import type { AuditEvent } from '../../../../../src-main/services/audit';
import { createConnectivity, type Connectivity } from '../../../../../src-main/services/sessions/connectivity';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import { StandInFileDialogs } from '../../../../support/file-dialogs';
import { ed25519Key } from '../ssh/test-keys';
import { MemoryLogger } from '../../../../support/memory-logger';
import { MemorySecretStore } from '../../../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: https://aks1-x.privatelink.japaneast.azmk8s.io:443\ncontexts:\n- name: aks1\n  context: {cluster: aks1, user: u}\ncurrent-context: aks1\nusers:\n- name: u\n  user:\n    token: T\n`;

describe('files the console reads and writes: main chooses the path, and trust changes are audited', () => {
  let dir: string;
  let router: IpcRouter;
  let connectivity: Connectivity;
  let dialogs: StandInFileDialogs;
  let audited: AuditEvent[];
  let dispose: () => void;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'file-targets-'));
    router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    dialogs = new StandInFileDialogs();
    audited = [];
    connectivity = createConnectivity({
      appDataDir: path.join(dir, 'app'),
      homeDir: dir,
      secrets: new MemorySecretStore(),
      log: new MemoryLogger(),
      azure: { readVmHostKeys: async () => [], listClusterUserCredential: async () => KUBECONFIG },
      audit: { record: async (event) => audited.push(event) },
      files: new FileTargets(dialogs, dir),
    });
    dispose = registerSshHandlers(router, connectivity);
  });
  afterEach(async () => {
    dispose();
    await connectivity.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  const call = (channel: string, payload?: unknown) => router.dispatch(channel, payload, sender);

  it('refuses every path the renderer names, before any file is touched', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await writeFile(path.join(dir, 'kh'), `h ${ed25519Key().line}\n`);
    const refused = [
      ['sshconfig.preview', { hostAlias: 'j', host: '10.0.0.4', port: 22, username: 'u', path: elsewhere }],
      ['kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 't', contextName: 'c', path: elsewhere }],
      ['hostkeys.importKnownHosts', { path: path.join(dir, 'kh') }],
    ] as const;
    for (const [channel, payload] of refused) expect(await call(channel, payload)).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect((await call('hostkeys.list')) as { data: unknown[] }).toMatchObject({ ok: true, data: [] });
  });

  it('refuses quotes, control characters and line separators in values bound for ssh_config, with a clear message', async () => {
    for (const identityFile of ['/k"\nMatch exec "id', '/k\u2028x', '/k\u0000', '/k\u0085', '/k\u007f', '/k\r']) {
      const answer = await call('sshconfig.preview', { hostAlias: 'j', host: '10.0.0.4', port: 22, username: 'u', identityFile });
      expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload', message: expect.stringMatching(/control character|quote/i) } });
    }
  });

  it('writes where the operator picks in main\'s dialog; a cancelled dialog or a UNC or device path changes nothing', async () => {
    await connectivity.manager.openTunnel('prod', { kind: 'ssh', target: { route: { kind: 'direct', host: '127.0.0.1', port: 1 }, username: 'u', auth: { method: 'agent' } }, remoteHost: 'aks1-x.privatelink.japaneast.azmk8s.io', remotePort: 443 });
    const request = { clusterId: CLUSTER, tunnelName: 'prod', contextName: 'aks1', target: 'pick' };
    expect(await call('kubeconfig.preview', request)).toMatchObject({ ok: false, error: { code: 'files.cancelled' } });
    for (const unsafe of ['//attacker/share/config', '\\\\attacker\\share\\config', '\\\\.\\pipe\\x', '\\\\?\\C:\\x', 'relative/config']) {
      dialogs.answer('kubeconfig', unsafe);
      expect(await call('kubeconfig.preview', request)).toMatchObject({ ok: false, error: { code: 'files.unsafe_path' } });
    }
    const picked = path.join(dir, 'picked', 'config');
    dialogs.answer('kubeconfig', picked);
    const preview = (await call('kubeconfig.preview', request)) as { ok: true; data: { previewId: string; path: string } };
    expect(preview).toMatchObject({ ok: true, data: { path: picked } });
    expect(dialogs.shown.filter((d) => d.mode === 'save' && d.kind === 'kubeconfig')).toHaveLength(7);
    expect(await call('kubeconfig.apply', { previewId: preview.data.previewId })).toMatchObject({ ok: true, data: { path: picked } });
    expect(await readFile(picked, 'utf8')).toContain('tls-server-name: aks1-x.privatelink.japaneast.azmk8s.io');
  });

  it('audits each trust change exactly once, from the service', async () => {
    await mkdir(path.join(dir, '.ssh'));
    await writeFile(path.join(dir, '.ssh', 'known_hosts'), `jump.example ${ed25519Key().line}\n`);
    const imported = await call('hostkeys.importKnownHosts', {});
    expect(imported).toEqual({ ok: true, data: { imported: 1, skipped: 0 } });
    const [entry] = ((await call('hostkeys.list')) as { data: Array<{ hostId: string; fingerprint: string }> }).data;
    expect(await call('hostkeys.remove', { hostId: entry!.hostId, fingerprint: entry!.fingerprint })).toEqual({ ok: true, data: { removed: true } });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, 'id')]);
    const key = (await call('sshkeys.import', { name: 'jump', privateKey: await readFile(path.join(dir, 'id'), 'utf8') })) as { data: { keyId: string; fingerprint: string } };
    expect(await call('sshkeys.remove', { keyId: key.data.keyId })).toEqual({ ok: true, data: { removed: true } });
    expect(audited.map((e) => [e.type, e.outcome])).toEqual([
      ['hostkey.import', 'success'],
      ['hostkey.remove', 'success'],
      ['sshkey.import', 'success'],
      ['sshkey.remove', 'success'],
    ]);
    expect(audited[1]).toMatchObject({ target: 'jump.example', details: { fingerprint: entry!.fingerprint } });
    expect(audited[2]).toMatchObject({ target: 'jump', details: { fingerprint: key.data.fingerprint } });
    expect(JSON.stringify(audited)).not.toContain('PRIVATE KEY');
  });

  it('refuses wildcard, negated and marker lines of an imported known_hosts until the operator confirms them', async () => {
    await mkdir(path.join(dir, '.ssh'));
    const lines = [`* ${ed25519Key().line}`, `plain.example ${ed25519Key().line}`, `*.corp,!bad.corp ${ed25519Key().line}`, `10.0.0.? ${ed25519Key().line}`, `@revoked old.example ${ed25519Key().line}`, `@cert-authority *.example ${ed25519Key().line}`];
    await writeFile(path.join(dir, '.ssh', 'known_hosts'), lines.join('\n') + '\n');
    const refused = (await call('hostkeys.importKnownHosts', {})) as { ok: false; error: { code: string; message: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'hostkeys.wildcards_unconfirmed' } });
    for (const pattern of ['*', '*.corp', '!bad.corp', '10.0.0.?', '@revoked old.example', '@cert-authority *.example']) expect(refused.error.message).toContain(pattern);
    expect((await call('hostkeys.list')) as { data: unknown[] }).toMatchObject({ data: [] });
    expect(await call('hostkeys.importKnownHosts', { confirmWildcards: true })).toMatchObject({ ok: true, data: { imported: 5, skipped: 1 } });
    expect(audited.map((e) => [e.type, e.outcome])).toEqual([
      ['hostkey.import', 'denied'],
      ['hostkey.import', 'success'],
    ]);
    expect(audited[1]!.details).toMatchObject({ wildcardsConfirmed: true });
  });
});
