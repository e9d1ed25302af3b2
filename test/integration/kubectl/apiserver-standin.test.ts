import https from 'node:https';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { makeStandInTls } from '../../standins/entra/standin-tls';
import { AKS_AAD_SERVER_APP_ID, aksRoleAssignment, clusterAccess, startApiServerStandin, type AccessScenario, type ApiServerStandIn, type RoleAssignment } from '../../standins/apiserver';
import { runProgram } from './connectivity-world';
import { kubectlClients, tokenKubeconfig } from './kubectl-clients';

const TENANT = DEFAULT_IDS.contosoTenant;
const CLUSTER = '/subscriptions/1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const AKS_SCOPE = `${AKS_AAD_SERVER_APP_ID}/.default`;
const clients = kubectlClients();

let entra: EntraStandIn;
const entraTls = makeStandInTls();
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  entra = await new EntraStandIn(entraTls).start();
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await entra?.stop();
});

async function cluster(scenario: AccessScenario, assignments?: RoleAssignment[], access = clusterAccess(scenario, { tenantId: TENANT, clusterId: CLUSTER })): Promise<ApiServerStandIn> {
  const live = assignments ?? [...access.roleAssignments];
  const api = await startApiServerStandin({
    tenantId: TENANT,
    clusterId: CLUSTER,
    access,
    entra: { issuer: entra.accessTokenIssuer(TENANT), jwksUrl: entra.jwksUrl(TENANT), ca: entraTls.caPem },
    roleAssignments: () => live,
  });
  cleanups.push(() => api.stop());
  return api;
}

async function kubectl(api: ApiServerStandIn, token: string, args: string[], client = clients.dispatcher) {
  const config = await tokenKubeconfig(api.url, api.ca, token);
  try {
    return await runProgram(client, ['--kubeconfig', config.file, ...args]);
  } finally {
    await config.dispose();
  }
}

const operatorToken = () => entra.mintAccessToken({ scope: AKS_SCOPE, tenantId: TENANT });

describe.each([
  ['oldest', clients.oldest.file],
  ['newest', clients.newest.file],
])('real kubectl (%s client) against an Entra + Azure RBAC cluster, operator holds AKS RBAC Reader', (_label, client) => {
  let api: ApiServerStandIn;
  beforeAll(async () => {
    api = await cluster('entra-azure-rbac');
  });

  it('auth whoami names the operator by upn, with the Entra groups', async () => {
    const r = await kubectl(api, operatorToken(), ['auth', 'whoami', '-o', 'json'], client);
    expect(r.stderr).toBe('');
    const review = JSON.parse(r.stdout) as { status: { userInfo: { username: string; groups: string[] } } };
    expect(review.status.userInfo.username).toBe('ops.admin@contoso.com');
    expect(review.status.userInfo.groups).toEqual([DEFAULT_IDS.operatorsGroup, 'system:authenticated']);
  });

  it('get pods -A lists every namespace\'s pods; get nodes is refused (a namespace reader, not a node reader)', async () => {
    const pods = await kubectl(api, operatorToken(), ['get', 'pods', '-A'], client);
    expect(pods.stderr).toBe('');
    const lines = pods.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.filter((l) => /^payments\s+payments-api-\S+\s+1\/1\s+Running/.test(l))).toHaveLength(2);
    const nodes = await kubectl(api, operatorToken(), ['get', 'nodes'], client);
    expect(nodes.code).not.toBe(0);
    expect(nodes.stderr).toContain('nodes is forbidden: User "ops.admin@contoso.com" cannot list resource "nodes" in API group "" at the cluster scope: User does not have access to the resource in Azure. Update role assignment to allow access.');
  });

  it('logs prints the pod\'s lines; auth can-i --list shows read verbs and no delete', async () => {
    const pod = api.state.list('pods', 'payments')[0]!.metadata.name;
    const logs = await kubectl(api, operatorToken(), ['logs', '-n', 'payments', pod], client);
    expect(logs.stderr).toBe('');
    expect(logs.stdout.trim().split('\n')).toHaveLength(20);
    expect(logs.stdout).toContain(`INFO ${pod} request 1 served`);
    const list = await kubectl(api, operatorToken(), ['auth', 'can-i', '--list', '-n', 'payments'], client);
    expect(list.stderr).toBe('');
    expect(list.stdout).toMatch(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(list.stdout).toMatch(/selfsubjectreviews\.authentication\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
  });
});

describe('RBAC enforced with state changing (dispatcher client)', () => {
  it('a reader cannot delete a pod (403 in kube-apiserver\'s words + the Azure hint); after the writer role is granted the same command works and the pod is gone', async () => {
    const assignments = [aksRoleAssignment(DEFAULT_IDS.operatorOid, 'reader', CLUSTER)];
    const api = await cluster('entra-azure-rbac', assignments);
    const pod = api.state.list('pods', 'default')[0]!.metadata.name;
    const refused = await kubectl(api, operatorToken(), ['delete', 'pod', pod]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim()).toBe(`Error from server (Forbidden): pods "${pod}" is forbidden: User "ops.admin@contoso.com" cannot delete resource "pods" in API group "" in the namespace "default": User does not have access to the resource in Azure. Update role assignment to allow access.`);
    expect(api.state.get('pods', 'default', pod)).toBeDefined();
    const canI = await kubectl(api, operatorToken(), ['auth', 'can-i', 'delete', 'pods']);
    expect(canI.stdout.trim()).toBe('no');

    assignments.push(aksRoleAssignment(DEFAULT_IDS.operatorOid, 'writer', `${CLUSTER}/namespaces/default`));
    const deleted = await kubectl(api, operatorToken(), ['delete', 'pod', pod]);
    expect(deleted.stderr).toBe('');
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);
    expect(api.state.get('pods', 'default', pod)).toBeUndefined();
    const elsewhere = await kubectl(api, operatorToken(), ['delete', 'pod', '-n', 'payments', api.state.list('pods', 'payments')[0]!.metadata.name]);
    expect(elsewhere.stderr).toContain('cannot delete resource "pods" in API group "" in the namespace "payments"');
  });

  it('scale deployment: refused for the Kubernetes-RBAC viewer outside its namespace, works in the namespace its group may edit, and the pods follow', async () => {
    const api = await cluster('entra-k8s-rbac');
    const refused = await kubectl(api, operatorToken(), ['scale', 'deployment', 'hello-web', '--replicas=3', '-n', 'default']);
    expect(refused.stderr).toContain('deployments.apps "hello-web" is forbidden: User "ops.admin@contoso.com" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"');
    expect(refused.stderr).not.toContain('Azure');
    const scaled = await kubectl(api, operatorToken(), ['scale', 'deployment', 'payments-api', '--replicas=3', '-n', 'payments']);
    expect(scaled.stderr).toBe('');
    expect(scaled.stdout.trim()).toBe('deployment.apps/payments-api scaled');
    expect(api.state.list('pods', 'payments')).toHaveLength(3);
    const get = await kubectl(api, operatorToken(), ['get', 'deployments', '-n', 'payments']);
    expect(get.stdout).toMatch(/^payments-api\s+3\/3\s+3\s+3\s+/m);
  });

  it('get namespaces and events work for the viewer group; logs -f streams until the client stops', async () => {
    const api = await cluster('entra-k8s-rbac');
    const ns = await kubectl(api, operatorToken(), ['get', 'namespaces']);
    expect(ns.stdout).toMatch(/^payments\s+Active\s+\d+d$/m);
    const events = await kubectl(api, operatorToken(), ['get', 'events', '-n', 'payments']);
    expect(events.stderr).toBe('');
    expect(events.stdout).toMatch(/Normal\s+Started\s+pod\/payments-api-/);
    const pod = api.state.list('pods', 'payments')[0]!.metadata.name;
    const config = await tokenKubeconfig(api.url, api.ca, operatorToken());
    cleanups.push(() => config.dispose());
    const child = spawn(clients.dispatcher, ['--kubeconfig', config.file, 'logs', '-f', '-n', 'payments', pod]);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.split('\n').length > 23) resolve();
      });
      child.on('exit', (code) => reject(new Error(`kubectl logs -f ended early (${code}): ${out}`)));
    });
    child.kill('SIGTERM');
    expect(out).toContain(`INFO ${pod} request 23 served`);
  });
});

describe('authentication like the AKS Entra webhook', () => {
  it('an ARM token, an expired token, another tenant\'s token and a forged signature each get 401 Unauthorized; nothing is served', async () => {
    const api = await cluster('entra-azure-rbac');
    const arm = entra.mintAccessToken({ scope: 'https://management.azure.com/.default', tenantId: TENANT });
    const expired = entra.mintAccessToken({ scope: AKS_SCOPE, tenantId: TENANT, lifetimeSec: -3600 });
    const partner = entra.mintAccessToken({ scope: AKS_SCOPE, tenantId: DEFAULT_IDS.fabrikamTenant });
    const good = operatorToken().split('.');
    const forged = `${good[0]}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(good[1]!, 'base64url').toString()), upn: 'someone.else@contoso.com' })).toString('base64url')}.${good[2]}`;
    for (const token of [arm, expired, partner, forged]) {
      const r = await kubectl(api, token, ['get', 'pods']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('error: You must be logged in to the server');
    }
    const refusals = api.requests().filter((q) => q.status === 401).map((q) => q.authError);
    expect(refusals).toContain(`audience https://management.azure.com/ is not ${AKS_AAD_SERVER_APP_ID}`);
    expect(refusals).toContain('token expired');
    expect(refusals).toContain(`issuer ${entra.accessTokenIssuer(DEFAULT_IDS.fabrikamTenant)} is not the cluster tenant's (${entra.accessTokenIssuer(TENANT)})`);
    expect(refusals).toContain('bad signature');
    expect(api.requests().filter((q) => q.status !== 401)).toEqual([]);
  });

  it('the static local-account token works only where local accounts are enabled', async () => {
    const disabledAccess = clusterAccess('entra-azure-rbac', { tenantId: TENANT, clusterId: CLUSTER });
    const disabled = await cluster('entra-azure-rbac', undefined, disabledAccess);
    const refused = await kubectl(disabled, disabledAccess.localAccountToken, ['get', 'nodes']);
    expect(refused.stderr).toContain('error: You must be logged in to the server');
    expect(disabled.requests().at(-1)?.authError).toBe('local accounts are disabled on this cluster');
    const legacyAccess = clusterAccess('local-accounts', { tenantId: TENANT, clusterId: CLUSTER });
    const legacy = await cluster('local-accounts', undefined, legacyAccess);
    const accepted = await kubectl(legacy, legacyAccess.localAccountToken, ['get', 'nodes']);
    expect(accepted.stderr).toBe('');
    expect(accepted.stdout).toMatch(/^aks-nodepool1-12345678-vmss000000\s+Ready\s+<none>\s+\d+d\s+v1\.31\.4$/m);
    const whoami = await kubectl(legacy, legacyAccess.localAccountToken, ['auth', 'whoami']);
    expect(whoami.stdout).toMatch(/Username\s+clusterAdmin/);
    const entraOnLegacy = await kubectl(legacy, operatorToken(), ['get', 'nodes']);
    expect(entraOnLegacy.stderr).toContain('error: You must be logged in to the server');
  });

  it('anonymous requests reach /version and health only; everything else is 403 for system:anonymous', async () => {
    const api = await cluster('entra-k8s-rbac');
    const anonymous = (pathname: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        https.get(`${api.url}${pathname}`, { ca: api.ca }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
    expect(JSON.parse((await anonymous('/version')).body)).toMatchObject({ gitVersion: 'v1.31.4' });
    expect(await anonymous('/readyz')).toEqual({ status: 200, body: 'ok' });
    const pods = await anonymous('/api/v1/pods');
    expect(pods.status).toBe(403);
    expect(JSON.parse(pods.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403, message: 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" at the cluster scope' });
    expect(JSON.parse((await anonymous('/apis')).body)).toMatchObject({ code: 403, message: 'forbidden: User "system:anonymous" cannot get path "/apis"' });
    expect(api.requests().filter((q) => q.user === null && q.status === 200).map((q) => q.path).sort()).toEqual(['/readyz', '/version']);
  });
});
