/**
 * The console as kubectl's credential provider, end to end with the machine's real kubectl: the
 * kubeconfig's exec entry starts the real helper (bundled from its Node entry), which asks the real
 * core (AuthService against the Entra stand-in, the lock, the broker) over the Unix socket; a loopback
 * HTTPS API server accepts only a token the Entra stand-in issued for the AKS audience.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { helperUserEntry } from '../../../src-main/services/kubeconfig/helper-user-entry';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { startBearerApiServer, type BearerApiServer } from '../../support/bearer-api-server';
import { buildCredentialHelper } from '../../support/credential-helper-build';
import { versionedKubectlClients } from '../../support/kubectl-clients';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';
import { findSecrets, readTree } from '../auth/secret-scan';
import { runProgram } from './connectivity-world';

const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const CONTEXT = 'aks-prod-console';

let f: AuthFixture;
let api: BearerApiServer;
let helper: { file: string; dir: string };
let work: string;
let runtimeDir: string;
let kubeconfig: string;

beforeAll(async () => {
  helper = await buildCredentialHelper();
  work = await mkdtemp(path.join(os.tmpdir(), 'aksc-kubectl-helper-'));
  runtimeDir = path.join(work, 'run');
  const helperCommand = { command: process.execPath, args: [helper.file], runtimeDir };
  f = await startAuthFixture({ core: { kubectl: { helper: helperCommand, runtimeDir } } });
  api = await startBearerApiServer(f.tls, (token) => {
    const issued = f.entra.validateAccessToken(token);
    return issued && issued.tenantId === DEFAULT_IDS.contosoTenant && issued.scopes.includes(AKS_SCOPE) ? { username: issued.oid } : undefined;
  });
  await f.core.kubectl!.start();
  await f.core.auth.signIn('interactive');
  kubeconfig = path.join(work, 'kubeconfig');
  await writeFile(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: CONTEXT, cluster: { server: api.url, 'certificate-authority-data': Buffer.from(f.tls.caPem).toString('base64') } }],
      users: [{ name: CONTEXT, user: helperUserEntry(helperCommand, CLUSTER, CONTEXT) }],
      contexts: [{ name: CONTEXT, context: { cluster: CONTEXT, user: CONTEXT } }],
      'current-context': CONTEXT,
    }),
    { mode: 0o600 },
  );
  // What the kubeconfig exporter does after writing an Entra context.
  await f.core.kubectl!.registry.register({ clusterId: CLUSTER, contextName: CONTEXT, tenantId: DEFAULT_IDS.contosoTenant, path: kubeconfig, source: 'kubeconfig', writtenAt: new Date().toISOString() });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await f?.close();
  await rm(work, { recursive: true, force: true });
  await rm(helper?.dir ?? '', { recursive: true, force: true });
});

function kubectl(...args: string[]) {
  const env = { PATH: process.env.PATH, HOME: work, KUBECONFIG: kubeconfig };
  return runProgram('kubectl', ['--request-timeout=20s', ...args], env, 30_000);
}

async function expectNoTokenWritten(): Promise<void> {
  const issued = f.entra.issuedSecrets;
  expect(issued.size).toBeGreaterThan(0);
  expect(findSecrets(f.log.lines.join('\n'), issued)).toEqual([]);
  for (const dir of [f.appDataDir, work]) {
    for (const { file, text } of await readTree(dir)) expect(findSecrets(text, issued), file).toEqual([]);
  }
}

describe('kubectl with the console as its credential provider (real kubectl, real helper, real core)', () => {
  it('get --raw /version and a resource GET succeed with the exact AKS-audience token, and each token is audited', async () => {
    const version = await kubectl('get', '--raw', '/version');
    expect(version.stderr).toBe('');
    expect(JSON.parse(version.stdout)).toMatchObject({ gitVersion: 'v1.31.4' });
    const namespaces = await kubectl('get', 'namespaces', '-o', 'name');
    expect(namespaces).toMatchObject({ code: 0, stderr: '' });
    expect(namespaces.stdout.trim().split('\n')).toEqual(['namespace/default', 'namespace/kube-system', 'namespace/payments']);
    const namespaceGets = api.requests.filter((r) => r.path === '/api/v1/namespaces');
    expect(namespaceGets.at(-1)).toEqual({ path: '/api/v1/namespaces', authenticated: true, status: 200 });
    expect(api.requests.filter((r) => !r.authenticated && !['/version', '/healthz', '/readyz', '/livez'].includes(r.path))).toEqual([]);
    const { records } = await f.core.audit.list({ types: ['kubectl.token'] });
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.at(-1)).toMatchObject({ outcome: 'success', target: CLUSTER, details: { context: CONTEXT, tenant: DEFAULT_IDS.contosoTenant, callerExe: expect.stringMatching(/kubectl/) } });
    await expectNoTokenWritten();
  });

  it('the oldest and newest kubectl clients on the machine run the v1 helper too', async () => {
    const clients = versionedKubectlClients();
    const ends = clients.length > 1 ? [clients[0]!, clients.at(-1)!] : clients;
    expect(ends.map((c) => c.version)).toEqual(['1.27', '1.33']);
    for (const client of ends) {
      const result = await runProgram(client.file, ['--request-timeout=20s', 'get', 'namespaces', '-o', 'name'], { PATH: process.env.PATH, HOME: work, KUBECONFIG: kubeconfig }, 30_000);
      expect(result, client.version).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout, client.version).toContain('namespace/payments');
    }
  });

  it('a token for another audience (ARM) is refused by the API server: the door really checks', async () => {
    const arm = await f.core.auth.getToken('https://management.azure.com/.default');
    const result = await runProgram('kubectl', ['--request-timeout=20s', '--server', api.url, '--certificate-authority', await caFile(), '--token', arm!.token, 'get', 'namespaces'], { PATH: process.env.PATH, HOME: work }, 30_000);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Unauthorized/);
  });

  it('a locked console: kubectl prints the helper\'s one line and fails; after unlocking it works again', async () => {
    await f.core.lock.lock('manual');
    const result = await kubectl('get', 'namespaces');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('aks-console-credential: AKS Access Console is locked: unlock it, then run kubectl again.');
    await f.core.lock.unlock();
    expect(await kubectl('get', 'namespaces', '-o', 'name')).toMatchObject({ code: 0, stderr: '' });
  });

  it('a signed-out console: kubectl prints the helper\'s one line and fails', async () => {
    await f.core.auth.signOut();
    const result = await kubectl('get', 'namespaces');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('aks-console-credential: AKS Access Console is signed out: sign in to the console, then run kubectl again.');
  });

  it('a console that is not running: kubectl prints the helper\'s one line and fails', async () => {
    await f.core.kubectl!.dispose();
    const result = await kubectl('get', 'namespaces');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('aks-console-credential: AKS Access Console is not running (no credential channel); start it, sign in, and run kubectl again.');
    await expectNoTokenWritten();
  });
});

async function caFile(): Promise<string> {
  const file = path.join(work, 'ca.pem');
  await writeFile(file, f.tls.caPem);
  return file;
}
