import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AKS_AAD_SERVER_APP_ID, aksRoleAssignment, clusterAccess, type RoleAssignment } from '../../standins/apiserver';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { EntraStandIn } from '../../standins/entra/entra-standin';
import { makeStandInTls } from '../../standins/entra/standin-tls';
import { up, type Topology } from '../../topology/index';
import { kubectlClients } from './kubectl-clients';

/** A slot of its own: this file reconfigures the spoke's API server. */
const SLOT = 11;
const TENANT = DEFAULT_IDS.contosoTenant;
const CLUSTER = '/subscriptions/1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';

let topology: Topology;
let entra: EntraStandIn;
let dir: string;

beforeAll(async () => {
  topology = await up({ slot: SLOT });
  entra = await new EntraStandIn(makeStandInTls()).start();
  dir = await mkdtemp(path.join(os.tmpdir(), 'spoke-kubectl-'));
});
afterAll(async () => {
  topology?.configureApiServer(null);
  await entra?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs kubectl inside the hub (the jump box's network view: private DNS, peering to the spoke) with a token kubeconfig. */
async function kubectlFromHub(token: string, args: string[], client = kubectlClients().dispatcher) {
  const file = path.join(dir, `config-${Math.random().toString(36).slice(2)}`);
  const yaml = `apiVersion: v1
kind: Config
clusters:
- name: spoke
  cluster: {server: 'https://${topology.apiServer.fqdn}:443', certificate-authority-data: ${Buffer.from(topology.apiServerCaPem).toString('base64')}}
contexts:
- name: spoke
  context: {cluster: spoke, user: operator}
current-context: spoke
users:
- name: operator
  user: {token: ${token}}
`;
  await writeFile(file, yaml, { mode: 0o600 });
  try {
    // A cache of this file's own: discovery cached by an earlier run must not answer for the server.
    return await topology.exec('hub', client, ['--kubeconfig', file, '--cache-dir', path.join(dir, 'cache'), ...args]);
  } finally {
    await rm(file, { force: true });
  }
}

describe('the spoke\'s private API server is the Entra + Azure RBAC stand-in (real kubectl from the hub)', () => {
  it('unconfigured, every request is anonymous; configured with the tenant\'s JWKS, the operator reads pods and a writer grant lets them delete', async () => {
    const token = entra.mintAccessToken({ scope: `${AKS_AAD_SERVER_APP_ID}/.default`, tenantId: TENANT });
    topology.configureApiServer(null);
    // A raw list: an anonymous kubectl would stop at discovery, which kube-apiserver denies too.
    const before = await kubectlFromHub(token, ['get', '--raw', '/api/v1/pods']);
    expect(before.stderr).toContain('pods is forbidden: User "system:anonymous" cannot list resource "pods"');
    expect((await kubectlFromHub(token, ['get', '--raw', '/version'])).stdout).toContain('v1.31.4');

    const access = clusterAccess('entra-azure-rbac', { tenantId: TENANT, clusterId: CLUSTER });
    const roleAssignments: RoleAssignment[] = [...access.roleAssignments];
    const configure = () => topology.configureApiServer({ tenantId: TENANT, clusterId: CLUSTER, access, issuer: entra.accessTokenIssuer(TENANT), jwks: entra.jwks(), roleAssignments });
    configure();
    for (const client of [kubectlClients().oldest.file, kubectlClients().newest.file]) {
      const pods = await kubectlFromHub(token, ['get', 'pods', '-A'], client);
      expect(pods.stderr).toBe('');
      expect(pods.stdout).toMatch(/^payments\s+payments-api-\S+\s+1\/1\s+Running/m);
      const whoami = await kubectlFromHub(token, ['auth', 'whoami'], client);
      expect(whoami.stdout).toMatch(/Username\s+ops\.admin@contoso\.com/);
    }
    const pod = (await kubectlFromHub(token, ['get', 'pods', '-n', 'default', '-o', 'name'])).stdout.trim().split('\n')[0]!.replace('pod/', '');
    const refused = await kubectlFromHub(token, ['delete', 'pod', '-n', 'default', pod]);
    expect(refused.stderr).toContain(`pods "${pod}" is forbidden: User "ops.admin@contoso.com" cannot delete resource "pods" in API group "" in the namespace "default"`);

    roleAssignments.push(aksRoleAssignment(DEFAULT_IDS.operatorOid, 'writer', CLUSTER));
    configure();
    const deleted = await kubectlFromHub(token, ['delete', 'pod', '-n', 'default', pod]);
    expect(deleted.stdout.trim()).toBe(`pod "${pod}" deleted`);

    const seen = topology.apiRequests();
    expect(seen.filter((r) => r.user === null && r.status === 200).map((r) => r.path).every((p) => ['/version', '/healthz', '/readyz', '/livez'].includes(p))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ user: 'ops.admin@contoso.com', sni: topology.apiServer.fqdn });
    expect(JSON.stringify(seen)).not.toContain(token);
  });
});
