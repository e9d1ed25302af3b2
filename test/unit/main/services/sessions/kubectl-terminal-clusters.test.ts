import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KubectlTerminals } from '../../../../../src-main/services/sessions/kubectl-terminals';
import type { LocalSessionRequest } from '../../../../../src-main/services/sessions/session-manager';

const CLUSTER = '/subscriptions/s1/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('which cluster a kubectl terminal tab is for', () => {
  it('is the cluster the tab was opened for, until the tab\'s shell ends', async () => {
    const tabsDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-tabs-'));
    dirs.push(tabsDir);
    const opened: LocalSessionRequest[] = [];
    const terminals = new KubectlTerminals({
      exporter: {
        entries: async () => ({
          entries: {
            cluster: { name: 'aks-prod', cluster: { server: 'https://127.0.0.1:8443' } },
            user: { name: 'aks-prod', user: { token: 'not-a-real-token' } },
            context: { name: 'aks-prod', context: { cluster: 'aks-prod', user: 'aks-prod' } },
            serverName: 'aks-prod.privatelink.japaneast.azmk8s.io',
          },
          credential: 'local-accounts' as const,
          access: undefined,
        }),
        register: async () => undefined,
      },
      registry: undefined,
      manager: {
        openLocalSession: (request) => {
          opened.push(request);
          return { sessionId: `tab-${opened.length}`, state: 'connecting', label: request.label, host: '127.0.0.1', port: 8443, username: 'aks-prod' } as never;
        },
      },
      spawn: () => {
        throw new Error('not spawned in this test');
      },
      tabsDir,
      shell: '/bin/sh',
      env: {},
      cwd: tabsDir,
    });
    const info = await terminals.open({ clusterId: CLUSTER, tunnelName: 'aks-prod-api', contextName: 'aks-prod' }, { cols: 80, rows: 24 });
    expect(terminals.clusterOf(info.sessionId)).toBe(CLUSTER);
    expect(terminals.clusterOf('tab-other')).toBeUndefined();
    await opened[0]!.onEnd();
    expect(terminals.clusterOf(info.sessionId)).toBeUndefined();
  });
});
