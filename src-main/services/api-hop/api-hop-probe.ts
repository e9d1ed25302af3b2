import type { AccessToken } from '@azure/core-auth';
import { AppError, isAppError } from '../errors';
import { type ClusterAccessReader, type TunnelPorts, tunnelledEntries } from '../kubeconfig';
import type { ClusterCredentials } from '../ssh';
import { postToApiServer, type ApiEndpoint, type ApiPoster, type ApiReply } from './api-https';
import { CAN_I_CHECKS, type ApiHopResult, type CanICheck } from './can-i-checks';

/** Port: AKS-scope tokens in a tenant, with a CAE challenge's claims when there is one (AuthService). */
export interface HopTokens {
  getToken(scopes: string, options: { tenantId: string; claims?: string }): Promise<AccessToken | null>;
}

/** Port: where CAE claims challenges go, so the next token for the cluster (kubectl's too) is a fresh one (the token broker). */
export interface ChallengeSink {
  noteChallenge(clusterId: string, wwwAuthenticate: string): boolean;
}

/** Ports of the probe. */
export interface ApiHopDeps {
  readonly credentials: ClusterCredentials;
  readonly access: ClusterAccessReader;
  readonly tunnels: TunnelPorts;
  readonly tokens: HopTokens;
  readonly aksScope: string;
  readonly challenges?: ChallengeSink;
  readonly post?: ApiPoster;
}

/** What the operator asked to check. */
export interface ApiHopRequest {
  readonly clusterId: string;
  readonly tunnelName: string;
  readonly namespace: string;
}

type Json = Record<string, unknown>;

/**
 * The API server hop, proven end to end through an open tunnel: TLS to the private FQDN with the
 * cluster's CA, who the operator's AKS token authenticates as (SelfSubjectReview), and what that
 * identity may do in a namespace (SelfSubjectAccessReview per check, with the binding or Azure role
 * the server names). A 401 carrying a CAE claims challenge is answered once with a token that has
 * those claims, and the challenge is handed to the token broker so kubectl's next token has them too.
 */
export class ApiHopProbe {
  /** Creates the probe over its ports. */
  constructor(private readonly deps: ApiHopDeps) {}

  /** Runs the checks; failures are AppErrors that name their cause (TLS name, tunnel down, 401 reason). */
  async probe(request: ApiHopRequest): Promise<ApiHopResult> {
    const access = await this.deps.access.clusterAccess(request.clusterId);
    if (access.kind !== 'entra') throw new AppError('apihop.not_entra', 'This cluster does not use Microsoft Entra ID for kubectl, so the console cannot show who you are on its API server.');
    const endpoint = await this.endpoint(request);
    const session = new HopSession(this.deps, endpoint, request.clusterId, access.tenantId);
    const review = await session.post('/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    const userInfo = ((review.status as Json | undefined)?.userInfo ?? {}) as Json;
    const checks: CanICheck[] = [];
    for (const check of CAN_I_CHECKS) {
      const answer = await session.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { namespace: request.namespace, verb: check.verb, group: check.group, resource: check.resource, ...(check.subresource ? { subresource: check.subresource } : {}) } },
      });
      const status = (answer.status ?? {}) as Json;
      checks.push({ ...check, allowed: status.allowed === true, reason: typeof status.reason === 'string' ? status.reason : null });
    }
    return {
      serverName: endpoint.serverName,
      username: typeof userInfo.username === 'string' ? userInfo.username : '',
      groups: Array.isArray(userInfo.groups) ? userInfo.groups.filter((g): g is string => typeof g === 'string') : [],
      namespace: request.namespace,
      checks,
      freshTokenAfterChallenge: session.challenged,
    };
  }

  private async endpoint(request: ApiHopRequest): Promise<ApiEndpoint> {
    const port = this.deps.tunnels.localPortOf(request.tunnelName);
    const entries = tunnelledEntries(await this.deps.credentials.listClusterUserCredential(request.clusterId), 'api-hop', port);
    const ca = (entries.cluster.cluster as Json)['certificate-authority-data'];
    if (typeof ca !== 'string') throw new AppError('apihop.no_ca', "Azure's kubeconfig for this cluster names no certificate authority, so the console cannot check the API server's certificate.");
    return { port, serverName: entries.serverName, caPem: Buffer.from(ca, 'base64').toString('utf8') };
  }
}

/** One probe's calls: the same token for each, renewed once with claims after a CAE challenge. */
class HopSession {
  private token: Promise<string> | undefined;
  challenged = false;

  constructor(
    private readonly deps: ApiHopDeps,
    private readonly endpoint: ApiEndpoint,
    private readonly clusterId: string,
    private readonly tenantId: string,
  ) {}

  async post(path: string, body: unknown): Promise<Json> {
    let reply = await this.send(path, body);
    if (reply.status === 401 && !this.challenged && reply.wwwAuthenticate) {
      const claims = this.noteChallenge(reply.wwwAuthenticate);
      if (claims) {
        this.challenged = true;
        this.token = this.fetchToken(claims);
        reply = await this.send(path, body);
      }
    }
    if (reply.status === 401) throw new AppError('apihop.unauthorized', `The API server refused your token (401): ${statusMessage(reply)}. Check that the token is for the AKS server application in the cluster's tenant and not expired; sign in again if needed.`, { params: { reason: statusMessage(reply) } });
    if (reply.status === 403) throw new AppError('apihop.forbidden', `The API server refused the check (403): ${statusMessage(reply)}`, { params: { reason: statusMessage(reply) } });
    if (reply.status < 200 || reply.status >= 300) throw new AppError('apihop.failed', `The API server answered ${reply.status}: ${statusMessage(reply)}`, { params: { status: String(reply.status), reason: statusMessage(reply) } });
    return (reply.body ?? {}) as Json;
  }

  private noteChallenge(header: string): string | undefined {
    this.deps.challenges?.noteChallenge(this.clusterId, header);
    const value = /claims="([^"]+)"/i.exec(header)?.[1];
    if (!/error="insufficient_claims"/i.test(header) || !value) return undefined;
    return value.trim().startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8');
  }

  private async send(path: string, body: unknown): Promise<ApiReply> {
    this.token ??= this.fetchToken(undefined);
    const token = await this.token;
    try {
      return await (this.deps.post ?? postToApiServer)(this.endpoint, path, token, body);
    } catch (error) {
      throw transportError(error, this.endpoint);
    }
  }

  private async fetchToken(claims: string | undefined): Promise<string> {
    const token = await this.deps.tokens.getToken(this.deps.aksScope, { tenantId: this.tenantId, ...(claims ? { claims } : {}) });
    if (!token?.token) throw new AppError('apihop.no_token', "No token for the cluster's Microsoft Entra ID tenant: sign in again and retry.");
    return token.token;
  }
}

function statusMessage(reply: ApiReply): string {
  const message = (reply.body as Json | null)?.message;
  return typeof message === 'string' && message ? message : `HTTP ${reply.status}`;
}

/** Names the cause of a failed connection: the certificate's name, an untrusted certificate, or the tunnel. */
function transportError(error: unknown, endpoint: ApiEndpoint): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new AppError('apihop.tls_name', `The API server's certificate is not for ${endpoint.serverName}: TLS name mismatch.`, { cause: error, params: { server: endpoint.serverName } });
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return new AppError('apihop.tls_untrusted', `The API server's certificate is not signed by the cluster's certificate authority (${code}).`, { cause: error, params: { reason: code } });
  return new AppError('apihop.tunnel_down', `Nothing answered through the tunnel on 127.0.0.1:${endpoint.port} (${typeof code === 'string' ? code : 'connection failed'}): reopen the tunnel.`, { cause: error, params: { port: String(endpoint.port), reason: typeof code === 'string' ? code : 'connection failed' } });
}
