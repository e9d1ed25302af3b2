import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ApiHopProbe, type ApiPoster, type ApiReply } from '../../../../../src-main/services/api-hop';
import type { ClusterAccess } from '../../../../../src-main/services/kubeconfig/cluster-access';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FQDN = 'aks-1234.privatelink.japaneast.azmk8s.io';
const CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
const CHALLENGE = `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString('base64')}"`;

function world(answers: (path: string, token: string) => ApiReply, access: ClusterAccess = { kind: 'entra', tenantId: TENANT, azureRbac: true, localAccountsDisabled: true }, transportError?: string) {
  const tokenRequests: Array<{ tenantId: string; claims?: string }> = [];
  const challenges: Array<{ clusterId: string; header: string }> = [];
  const posted: Array<{ path: string; token: string; serverName: string; port: number }> = [];
  const post: ApiPoster = async (endpoint, path, token) => {
    posted.push({ path, token, serverName: endpoint.serverName, port: endpoint.port });
    if (transportError) throw Object.assign(new Error(transportError), { code: transportError });
    return answers(path, token);
  };
  const kubeconfig = stringify({
    apiVersion: 'v1',
    clusters: [{ name: 'aks', cluster: { server: `https://${FQDN}:443`, 'certificate-authority-data': Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64') } }],
    users: [{ name: 'u', user: { exec: { command: 'kubelogin' } } }],
    contexts: [{ name: 'aks', context: { cluster: 'aks', user: 'u' } }],
    'current-context': 'aks',
  });
  const probe = new ApiHopProbe({
    credentials: { listClusterUserCredential: async () => kubeconfig },
    access: { clusterAccess: async () => access },
    tunnels: { localPortOf: () => 18443 },
    tokens: {
      getToken: async (_scope, options) => {
        tokenRequests.push(options);
        return { token: options.claims ? 'fresh-token' : 'cached-token', expiresOnTimestamp: Date.now() + 3600_000 };
      },
    },
    aksScope: '6dae42f8-4368-4678-94ff-3960e28e3630/.default',
    challenges: {
      noteChallenge: (clusterId, header) => {
        challenges.push({ clusterId, header });
        return true;
      },
    },
    post,
  });
  return { probe, tokenRequests, challenges, posted };
}

const ok = (path: string): ApiReply =>
  path.includes('selfsubjectreviews')
    ? { status: 201, body: { status: { userInfo: { username: 'ops@contoso.com', groups: ['system:authenticated'] } } }, wwwAuthenticate: null }
    : { status: 201, body: { status: { allowed: true, reason: 'allowed by Azure role "Azure Kubernetes Service RBAC Reader"' } }, wwwAuthenticate: null };

describe('ApiHopProbe', () => {
  it('asks who the token is and each can-i question through the tunnel, TLS named for the private FQDN, in the cluster\'s tenant', async () => {
    const w = world(ok);
    const result = await w.probe.probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'payments' });
    expect(result).toMatchObject({ serverName: FQDN, username: 'ops@contoso.com', namespace: 'payments', freshTokenAfterChallenge: false });
    expect(result.checks.map((c) => c.id)).toEqual(['list-pods', 'read-logs', 'exec', 'apply-deployments', 'delete-pods']);
    expect(w.posted.every((p) => p.serverName === FQDN && p.port === 18443)).toBe(true);
    expect(w.tokenRequests).toEqual([{ tenantId: TENANT }]);
    expect(JSON.stringify(result)).not.toContain('cached-token');
  });

  it('a 401 with a CAE claims challenge: the broker is told, the call is repeated once with a token that carries the claims', async () => {
    const w = world((path, token) => (token === 'cached-token' ? { status: 401, body: { message: 'Unauthorized' }, wwwAuthenticate: CHALLENGE } : ok(path)));
    const result = await w.probe.probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' });
    expect(result.freshTokenAfterChallenge).toBe(true);
    expect(w.challenges).toEqual([{ clusterId: CLUSTER, header: CHALLENGE }]);
    expect(w.tokenRequests).toEqual([{ tenantId: TENANT }, { tenantId: TENANT, claims: CLAIMS }]);
    expect(w.posted.filter((p) => p.token === 'cached-token')).toHaveLength(1);
  });

  it('a 401 without a challenge names the server\'s reason; a second challenge is not chased', async () => {
    const plain = world(() => ({ status: 401, body: { message: 'Unauthorized: token audience is not the AKS server application' }, wwwAuthenticate: null }));
    await expect(plain.probe.probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' })).rejects.toMatchObject({ code: 'apihop.unauthorized', message: expect.stringContaining('token audience') });
    const again = world(() => ({ status: 401, body: { message: 'Unauthorized' }, wwwAuthenticate: CHALLENGE }));
    await expect(again.probe.probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' })).rejects.toMatchObject({ code: 'apihop.unauthorized' });
    expect(again.tokenRequests).toHaveLength(2);
  });

  it('names the transport cause: TLS name mismatch, tunnel down', async () => {
    const failing = (code: string) => world(ok, undefined, code).probe;
    await expect(failing('ERR_TLS_CERT_ALTNAME_INVALID').probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' })).rejects.toMatchObject({ code: 'apihop.tls_name', message: expect.stringContaining(FQDN) });
    await expect(failing('ECONNREFUSED').probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' })).rejects.toMatchObject({ code: 'apihop.tunnel_down', message: expect.stringContaining('127.0.0.1:18443') });
  });

  it('refuses a cluster that does not use Entra ID, asking nothing of the server', async () => {
    const w = world(ok, { kind: 'local-accounts' });
    await expect(w.probe.probe({ clusterId: CLUSTER, tunnelName: 'api', namespace: 'default' })).rejects.toMatchObject({ code: 'apihop.not_entra' });
    expect(w.posted).toEqual([]);
  });
});
