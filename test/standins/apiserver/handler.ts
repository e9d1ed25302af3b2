/**
 * The request pipeline of the API server stand-in, as kube-apiserver runs it: authenticate the
 * bearer token → authorize (RBAC, Azure RBAC) → serve discovery, the resource endpoints and the
 * self-review APIs, in real shapes and with kube-apiserver's `Status` errors. Transport-free: the
 * loopback server and the topology's spoke process both mount it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthenticatorConfig } from './token-review';
import { authorize, type Attributes, type AuthorizerConfig, type UserInfo } from './rbac';
import type { ClusterState } from './cluster-state';
import { coreVersions, findResource, groupDocument, groupList, resourceList } from './resources';
import { serveResource, status, type Reply } from './resource-handlers';
import { decodeReview } from './protobuf';
import { serveReview } from './reviews';

/** One request as the stand-in's log keeps it: who, what, the answer, and why a token was refused. No token. */
export interface ApiRequest {
  readonly t: string;
  readonly method: string;
  readonly path: string;
  /** Authenticated username; null for anonymous requests. */
  readonly user: string | null;
  readonly status: number;
  /** Why authentication failed (audience, issuer, expiry, disabled local accounts), for tests. */
  readonly authError?: string;
  readonly sni: string | null;
  readonly from: string;
}

/** What `/version` reports; kubectl's version dispatcher picks a client from it. */
export const VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4',
  gitCommit: 'a78aa47129b8539636eb86a9d00e31b2720fe06b',
  gitTreeState: 'clean',
  buildDate: '2024-12-10T18:42:53Z',
  goVersion: 'go1.22.9',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Everything the pipeline needs. */
export interface HandlerConfig {
  readonly authn: AuthenticatorConfig;
  readonly authz: AuthorizerConfig;
  readonly state: ClusterState;
  /** Called once per answered request. */
  readonly log: (entry: ApiRequest) => void;
}

const ANONYMOUS: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const PUBLIC_PATHS = new Set(['/version', '/version/', '/healthz', '/readyz', '/livez']);
const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, reply: Reply): number {
  if (reply.stream) {
    res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'text/plain', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff' });
    reply.stream(res);
    return reply.status;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'Cache-Control': 'no-cache, private', 'X-Content-Type-Options': 'nosniff', ...reply.headers }).end(text);
  return reply.status;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request entity too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const body = Buffer.concat(chunks);
  if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) return decodeReview(body);
  return JSON.parse(body.toString('utf8')) as unknown;
}

const VERBS: Readonly<Record<string, string>> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** Request attributes of a resource path, or undefined for a non-resource path. */
function resourceAttributes(method: string, url: URL): (Attributes & { version: string }) | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  let group = '';
  let rest: string[];
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) [version, rest] = [parts[1]!, parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1]!, parts[2]!, parts.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  const watch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  const verb = method === 'GET' ? (name ? 'get' : watch ? 'watch' : 'list') : method === 'DELETE' && !name ? 'deletecollection' : VERBS[method] ?? method.toLowerCase();
  return { verb, group, version, resource: resource!, ...(name ? { name } : {}), ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) };
}

function discovery(url: URL, host: string): Reply | undefined {
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.pathname === '/api' || url.pathname === '/api/') return { status: 200, body: coreVersions(host) };
  if (url.pathname === '/apis' || url.pathname === '/apis/') return { status: 200, body: groupList() };
  if (parts[0] === 'api' && parts.length === 2) return resourceList('', parts[1]!) ? { status: 200, body: resourceList('', parts[1]!) } : undefined;
  if (parts[0] === 'apis' && parts.length === 2) return groupDocument(parts[1]!) ? { status: 200, body: groupDocument(parts[1]!) } : undefined;
  if (parts[0] === 'apis' && parts.length === 3) return resourceList(parts[1]!, parts[2]!) ? { status: 200, body: resourceList(parts[1]!, parts[2]!) } : undefined;
  return undefined;
}

/** Builds the request handler. */
export function createApiHandler(config: HandlerConfig): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<{ status: number; user: UserInfo | null; authError?: string }> => {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'https://apiserver');
    const auth = await authenticate(config.authn, req.headers.authorization);
    if (auth && 'error' in auth) {
      const challenge = auth.claimsChallenge ? { headers: { 'WWW-Authenticate': `Bearer realm="", error="insufficient_claims", claims="${auth.claimsChallenge}"` } } : {};
      return { status: send(res, { ...status(401, 'Unauthorized', 'Unauthorized'), ...challenge }), user: null, authError: auth.error };
    }
    const user = auth?.user ?? ANONYMOUS;
    const named = auth ? user : null;
    const attributes = resourceAttributes(method, url);
    if (!attributes) {
      const decision = PUBLIC_PATHS.has(url.pathname) ? { allowed: true, reason: '' } : authorize(config.authz, user, { verb: method === 'GET' ? 'get' : (VERBS[method] ?? 'get'), path: url.pathname });
      if (!decision.allowed) return { status: send(res, status(403, 'Forbidden', decision.reason)), user: named };
      if (url.pathname === '/version' || url.pathname === '/version/') return { status: send(res, { status: 200, body: VERSION }), user: named };
      if (PUBLIC_PATHS.has(url.pathname)) return { status: send(res, { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' }), user: named };
      const doc = method === 'GET' ? discovery(url, req.headers.host ?? 'apiserver') : undefined;
      return { status: send(res, doc ?? status(404, 'NotFound', 'the server could not find the requested resource')), user: named };
    }
    const type = findResource(attributes.group ?? '', attributes.version, attributes.resource ?? '');
    if (!type) return { status: send(res, status(404, 'NotFound', 'the server could not find the requested resource')), user: named };
    const decision = authorize(config.authz, user, attributes);
    if (!decision.allowed) return { status: send(res, status(403, 'Forbidden', decision.reason, { name: attributes.name, group: attributes.group, kind: attributes.resource })), user: named };
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      return { status: send(res, status(400, 'BadRequest', `the request body is invalid: ${(error as Error).message}`)), user: named };
    }
    const reply = type.kind.startsWith('Self') ? serveReview(config.authz, user, type, body) : serveResource(config.state, type, attributes, url, req.headers.accept, body);
    return { status: send(res, reply), user: named };
  };
  return (req, res) => {
    const started = new Date().toISOString();
    const sni = (req.socket as { servername?: string | false }).servername || null;
    handle(req, res)
      .catch((error: unknown) => ({ status: res.headersSent ? res.statusCode : send(res, status(500, 'InternalError', String(error))), user: null }))
      .then((outcome) => {
        const url = new URL(req.url ?? '/', 'https://apiserver');
        config.log({ t: started, method: req.method ?? 'GET', path: url.pathname, user: outcome.user?.username ?? null, status: outcome.status, ...('authError' in outcome && outcome.authError ? { authError: outcome.authError } : {}), sni, from: req.socket.remoteAddress ?? '' });
      })
      .catch(() => undefined);
  };
}
