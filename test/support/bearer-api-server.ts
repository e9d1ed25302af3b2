import https from 'node:https';
import type { AddressInfo } from 'node:net';

/** Who a bearer token belongs to, or undefined when the server must refuse it. */
export type TokenCheck = (token: string) => { username: string } | undefined;

/** One request as the server saw it (never the token). */
export interface SeenApiRequest {
  readonly path: string;
  readonly authenticated: boolean;
  readonly status: number;
}

/** A loopback HTTPS server that answers like kube-apiserver for the few paths kubectl needs here. */
export interface BearerApiServer {
  readonly url: string;
  readonly requests: SeenApiRequest[];
  close(): Promise<void>;
}

const ANONYMOUS = new Set(['/version', '/healthz', '/readyz', '/livez']);

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

const RESOURCES: Record<string, unknown> = {
  '/version': { major: '1', minor: '31', gitVersion: 'v1.31.4', platform: 'linux/amd64' },
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.1.0.4:443' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [] },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [{ name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'], shortNames: ['ns'] }],
  },
  '/api/v1/namespaces': {
    kind: 'NamespaceList',
    apiVersion: 'v1',
    metadata: { resourceVersion: '1' },
    items: ['default', 'kube-system', 'payments'].map((name) => ({ metadata: { name, uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z' }, status: { phase: 'Active' } })),
  },
};

/**
 * A test double of the API server's authentication door (until part A's Entra-validating stand-in
 * merges): every path but version and health needs `Authorization: Bearer <token>` that `check`
 * accepts; otherwise 401 with kube-apiserver's Status body. It records paths and whether a request
 * was authenticated, never the token.
 */
export async function startBearerApiServer(tls: { certPem: string; keyPem: string }, check: TokenCheck): Promise<BearerApiServer> {
  const requests: SeenApiRequest[] = [];
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const header = req.headers.authorization ?? '';
    const who = header.startsWith('Bearer ') ? check(header.slice('Bearer '.length)) : undefined;
    const send = (code: number, body: string) => {
      requests.push({ path, authenticated: who !== undefined, status: code });
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (!who && !ANONYMOUS.has(path)) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    const body = RESOURCES[path];
    if (body === undefined) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    send(200, JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
