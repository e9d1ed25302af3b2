import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { clusterAccessOf } from '../../../../../src-main/services/kubeconfig/cluster-access';
import { FileTargets } from '../../../../../src-main/services/files/file-targets';
import { FileChangePlanner } from '../../../../../src-main/services/files/file-change';
import { KubeconfigExporter } from '../../../../../src-main/services/kubeconfig/kubeconfig-exporter';
import { brokerFixture, CLUSTER, CLUSTER_TENANT } from '../kubectl-credentials/broker-fixture';

/** The user kubeconfig ARM returns for a managed-Entra cluster (its user entry calls kubelogin). */
const ARM_KUBECONFIG = [
  'apiVersion: v1', 'kind: Config',
  'clusters:', '- name: aks-prod', '  cluster:', '    certificate-authority-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==', '    server: https://aks-prod-dns-x1y2z3.privatelink.westeurope.azmk8s.io:443',
  'contexts:', '- name: aks-prod', '  context:', '    cluster: aks-prod', '    user: clusterUser_rg-aks_aks-prod',
  'current-context: aks-prod',
  'users:', '- name: clusterUser_rg-aks_aks-prod', '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', '      command: kubelogin',
  '      args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]', '',
].join('\n');

const managedEntra: ManagedCluster = { location: 'westeurope', aadProfile: { managed: true, enableAzureRbac: true, tenantID: CLUSTER_TENANT }, disableLocalAccounts: true };
const localAccounts: ManagedCluster = { location: 'westeurope', disableLocalAccounts: false };

async function exporterFor(cluster: ManagedCluster, provider: 'console' | 'kubelogin' = 'console') {
  const f = await brokerFixture();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-kcfg-'));
  const exporter = new KubeconfigExporter(
    { listClusterUserCredential: async () => ARM_KUBECONFIG },
    { localPortOf: () => 45123 },
    new FileChangePlanner(),
    new FileTargets(null, dir, {}),
    undefined,
    {
      access: { clusterAccess: async () => clusterAccessOf(cluster, 'tenant-found-in') },
      helper: { command: '/opt/AKS Access Console/aks-access-console', args: [] },
      provider: () => provider,
      registry: f.registry,
    },
  );
  const file = path.join(dir, '.kube', 'config');
  const write = async () => {
    const preview = await exporter.preview({ clusterId: CLUSTER, tunnelName: 't', contextName: 'aks-prod-tunnel' });
    await exporter.apply(preview.previewId);
    const users = (parse(await readFile(file, 'utf8')) as { users: Array<{ name: string; user: Record<string, unknown> }> }).users;
    return { preview, user: users[0]!.user };
  };
  return { ...f, exporter, file, write };
}

describe('KubeconfigExporter: the user entry of a written context', () => {
  it('a managed-Entra cluster calls the console credential helper (v1, interactiveMode Never, args naming the cluster) and is registered', async () => {
    const e = await exporterFor(managedEntra);
    const { preview, user } = await e.write();
    expect(preview.credential).toBe('console-helper');
    expect(user).toEqual({
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: '/opt/AKS Access Console/aks-access-console',
        args: ['--kube-credential', '--cluster', CLUSTER, '--context', 'aks-prod-tunnel'],
        interactiveMode: 'Never',
        provideClusterInfo: false,
        installHint: expect.stringContaining('AKS Access Console'),
      },
    });
    expect(await e.registry.find(CLUSTER, 'aks-prod-tunnel')).toMatchObject({ tenantId: CLUSTER_TENANT, path: e.file, source: 'kubeconfig' });
  });

  it('registers the context only once the file is written (a preview alone grants nothing)', async () => {
    const e = await exporterFor(managedEntra);
    await e.exporter.preview({ clusterId: CLUSTER, tunnelName: 't', contextName: 'aks-prod-tunnel' });
    expect(await e.registry.find(CLUSTER)).toBeUndefined();
  });

  it("policy 'kubelogin' keeps ARM's kubelogin entry and registers nothing", async () => {
    const e = await exporterFor(managedEntra, 'kubelogin');
    const { preview, user } = await e.write();
    expect(preview.credential).toBe('kubelogin');
    expect(user).toMatchObject({ exec: { command: 'kubelogin' } });
    expect(await e.registry.find(CLUSTER)).toBeUndefined();
  });

  it('a local-account cluster keeps what ARM returned, and the preview says it uses local accounts', async () => {
    const e = await exporterFor(localAccounts);
    const { preview, user } = await e.write();
    expect(preview.credential).toBe('local-accounts');
    expect(user).toMatchObject({ exec: { command: 'kubelogin' } });
    expect(await e.registry.find(CLUSTER)).toBeUndefined();
  });

  it('the legacy Entra integration (a customer server app) keeps what ARM returned', async () => {
    const e = await exporterFor({ location: 'x', aadProfile: { managed: false, serverAppID: 'legacy' } });
    const { preview, user } = await e.write();
    expect(preview.credential).toBe('as-returned');
    expect(user).toMatchObject({ exec: { command: 'kubelogin' } });
  });

  it('takes the tenant the cluster was found in when aadProfile names none', () => {
    expect(clusterAccessOf({ location: 'x', aadProfile: { managed: true } }, 'tenant-found-in')).toMatchObject({ kind: 'entra', tenantId: 'tenant-found-in' });
  });
});
