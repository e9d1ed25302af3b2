/**
 * The kubectl terminal's main side with real parts: node-pty starts a real shell whose KUBECONFIG is
 * the tab's own file, and the machine's kubectl typed into it reaches a loopback HTTPS API server
 * through the "tunnel" port; the file exists (0600) only while the tab is open.
 */
import { readdirSync } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectivity, type Connectivity } from '../../../src-main/services/sessions/connectivity';
import { makeStandInTls, type StandInTls } from '../../standins/entra/standin-tls';
import { startBearerApiServer, type BearerApiServer } from '../../support/bearer-api-server';
import { until } from './connectivity-world';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-legacy';
const LOCAL_TOKEN = 'local-account-token-for-the-terminal-test';

let tls: StandInTls;
let api: BearerApiServer;
let dir: string;
let connectivity: Connectivity;

beforeAll(async () => {
  tls = makeStandInTls();
  api = await startBearerApiServer(tls, (token) => (token === LOCAL_TOKEN ? { username: 'clusterUser' } : undefined));
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-kubectl-tab-'));
  // ARM's user kubeconfig for a local-account cluster: the API server's name and a static token.
  const armKubeconfig = [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: aks-legacy', '  cluster:', `    certificate-authority-data: ${Buffer.from(tls.caPem).toString('base64')}`, '    server: https://localhost:443',
    'contexts:', '- name: aks-legacy', '  context:', '    cluster: aks-legacy', '    user: clusterUser_aks-legacy',
    'current-context: aks-legacy',
    'users:', '- name: clusterUser_aks-legacy', '  user:', `    token: ${LOCAL_TOKEN}`, '',
  ].join('\n');
  connectivity = createConnectivity({
    appDataDir: dir,
    homeDir: dir,
    secrets: new MemorySecretStore(),
    log: new MemoryLogger(),
    azure: { listClusterUserCredential: async () => armKubeconfig, readVmHostKeys: async () => [] },
  });
  // The tab reaches the API server through a tunnel; here the "tunnel" is the server's own port.
  const port = Number(new URL(api.url).port);
  (connectivity.manager as unknown as { tunnel: (name: string) => { snapshot: () => { localPort: number } } }).tunnel = () => ({ snapshot: () => ({ localPort: port }) });
});

afterAll(async () => {
  await connectivity?.dispose();
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kubectl terminal (node-pty, real shell, real kubectl)', () => {
  it('starts a shell with KUBECONFIG pointing at the tab\'s own file, where kubectl works at once; closing the tab removes the file', async () => {
    const { manager } = connectivity;
    let output = '';
    manager.onDidData(({ sessionId, data, bytes }) => {
      output += data;
      manager.session(sessionId).ack(bytes);
    });
    const info = await connectivity.kubectlTerminals!.open({ clusterId: CLUSTER, tunnelName: 'to-api', contextName: 'aks-legacy-tab' }, { cols: 120, rows: 30 });
    expect(info).toMatchObject({ route: 'local', label: 'kubectl aks-legacy-tab', host: '127.0.0.1', username: 'aks-legacy-tab' });
    await until(() => manager.session(info.sessionId).snapshot().state === 'open', 'shell open');
    manager.session(info.sessionId).write('echo "KC=$KUBECONFIG"; kubectl config current-context; kubectl get namespaces -o name; echo DONE-$((40+2))\r');
    await until(() => output.includes('DONE-42'), 'kubectl output', 30_000);
    const file = /KC=(\/\S+)/.exec(output)![1]!;
    expect(path.dirname(path.dirname(file))).toBe(path.join(dir, 'kubectl-tabs'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readFile(file, 'utf8')).toContain('tls-server-name: localhost');
    expect(output).toContain('aks-legacy-tab');
    expect(output).toContain('namespace/payments');
    expect(api.requests.filter((r) => r.path === '/api/v1/namespaces').at(-1)).toMatchObject({ authenticated: true, status: 200 });

    await manager.closeSession(info.sessionId);
    await expect(access(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(access(path.dirname(file))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the file also goes when the shell itself exits', async () => {
    const { manager } = connectivity;
    const info = await connectivity.kubectlTerminals!.open({ clusterId: CLUSTER, tunnelName: 'to-api', contextName: 'aks-legacy-exit' }, { cols: 80, rows: 24 });
    await until(() => manager.session(info.sessionId).snapshot().state === 'open', 'shell open');
    const tabs = path.join(dir, 'kubectl-tabs');
    expect((await readdir(tabs)).length).toBe(1);
    manager.session(info.sessionId).write('exit 0\r');
    await until(() => manager.session(info.sessionId).snapshot().state === 'ended', 'shell ended');
    await until(() => readdirSync(tabs).length === 0, 'tab folder removed', 5_000);
  });
});
