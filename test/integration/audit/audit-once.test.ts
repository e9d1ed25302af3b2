/**
 * Item 10 of issue 13: every SSH, tunnel, host-key and config-write action is recorded exactly once
 * in the composed core. The IPC audit tap and the services both recorded them, so each action
 * appeared twice in the log an auditor reads.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../../src-main/core';
import { startSshd, type TestSshd } from '../../support/sshd';
import { testCoreOptions } from '../../support/core-options';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const KUBECONFIG = `apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: https://aks1-x.privatelink.japaneast.azmk8s.io:443\n    certificate-authority-data: Q0E=\ncontexts:\n- name: aks1\n  context: {cluster: aks1, user: u}\ncurrent-context: aks1\nusers:\n- name: u\n  user:\n    token: t0ken\n`;

let sshd: TestSshd;
let dir: string;
let core: ConsoleCore;

beforeAll(async () => {
  sshd = await startSshd();
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-audit-once-'));
  core = createConsoleCore(
    testCoreOptions(
      { appDataDir: dir, log: new MemoryLogger(), isTrustedSender: () => true },
      { secretStore: new MemorySecretStore(), connectivity: { homeDir: dir, azure: { readVmHostKeys: async () => [], listClusterUserCredential: async () => KUBECONFIG } } },
    ),
  );
});
afterAll(async () => {
  await core?.dispose();
  await sshd?.close();
  await rm(dir, { recursive: true, force: true });
});

async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const types = async () => (await core.audit.list({}, 1000)).records.map((r) => r.type).filter((t) => t !== 'app.start').reverse();

describe('one audit record per action in the composed core', () => {
  it('SSH open and close, a host-key decision, a tunnel open, a refused one and a close, a kubeconfig and an ssh_config write', async () => {
    const call = async <T>(channel: string, payload?: unknown): Promise<T> => {
      const answer = await core.router.dispatch(channel, payload, sender);
      if (!answer.ok) throw new Error(`${channel}: ${answer.error.code} ${answer.error.message}`);
      return answer.data as T;
    };
    // The renderer: answers host-key questions through IPC like the dialog does.
    core.router.attach({
      isAlive: () => true,
      send: (event, payload) => {
        if (event === 'hostkeys.prompt') void call('hostkeys.decide', { decisionId: (payload as { decisionId: string }).decisionId, decision: 'accept-always' });
      },
    });
    const { keyId } = await call<{ keyId: string }>('sshkeys.import', { name: 'jump', privateKey: sshd.clientKey });
    const target = { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } };

    const session = await call<{ sessionId: string }>('ssh.open', { target, cols: 80, rows: 24 });
    await until(() => core.connectivity.manager.session(session.sessionId).snapshot().state === 'open', 'the shell');
    await call('ssh.close', { sessionId: session.sessionId });

    await call('tunnels.open', { name: 'api', via: { kind: 'ssh', target, remoteHost: '127.0.0.1', remotePort: sshd.port } });
    await until(() => core.connectivity.manager.tunnel('api').snapshot().state === 'ready', 'the tunnel');
    // Refused before anything connects: still one record, from the same path.
    expect(await core.router.dispatch('tunnels.open', { name: 'api', via: { kind: 'ssh', target, remoteHost: '127.0.0.1', remotePort: sshd.port } }, sender)).toMatchObject({ ok: false, error: { code: 'tunnels.name_taken' } });
    const kube = await call<{ previewId: string }>('kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 'api', contextName: 'aks1-via-jump', target: 'default' });
    await call('kubeconfig.apply', { previewId: kube.previewId });
    const ssh = await call<{ previewId: string }>('sshconfig.preview', { hostAlias: 'jump1', host: sshd.host, port: sshd.port, username: sshd.user, target: 'default' });
    await call('sshconfig.apply', { previewId: ssh.previewId });
    await call('tunnels.close', { name: 'api' });

    // The key import is itself a trust change, audited once by the key vault.
    const expected = ['sshkey.import', 'hostkey.decision', 'ssh.open', 'ssh.close', 'tunnel.open', 'tunnel.open', 'kubeconfig.write', 'sshconfig.write', 'tunnel.close'];
    // Every action above has returned; the log's queue is drained before it is read.
    expect(await types()).toEqual(expected);
  });
});
