/**
 * An API server stand-in that behaves like an Entra-integrated AKS API server, for loopback tests,
 * the topology's spoke and demo mode. The machine's real kubectl is its client.
 *
 * ```ts
 * const access = clusterAccess('entra-azure-rbac', { tenantId, clusterId });     // or 'entra-k8s-rbac', 'local-accounts'
 * const api = await startApiServerStandin({
 *   tenantId, access, clusterId,
 *   entra: { issuer: entra.accessTokenIssuer(tenantId), jwksUrl: entra.jwksUrl(tenantId), ca: entraTls.caPem },  // or { issuer, jwks }
 *   roleAssignments: () => armRoleAssignments(arm.world),   // Azure RBAC from the ARM stand-in (default: access.roleAssignments)
 *   tls: { cert, key, ca },                                  // default: a throwaway CA and a 127.0.0.1 certificate
 * });
 * api.url; api.ca; api.state;       // https://127.0.0.1:<port>, CA PEM, the cluster's objects (pods, deployments …)
 * api.requests();                   // method, path, user, status, authError — never a token
 * await api.stop();
 * ```
 * Tokens must be RS256 JWTs from the tenant's JWKS, with the tenant's issuer and the AKS server
 * app's audience (`6dae42f8-…`), within exp/nbf; anything else is 401. Anonymous requests reach
 * only /version and the health endpoints.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeStandInTls } from '../entra/standin-tls';
import type { ClusterAccess } from './access';
import { ClusterState, DEFAULT_WORKLOAD, type WorkloadSpec } from './cluster-state';
import { createApiHandler, type ApiRequest } from './handler';
import { LOCAL_ADMIN } from './access';
import type { RoleAssignment } from './rbac';
import type { Jwks } from './token-review';

export { ACCESS_SCENARIOS, aksRoleAssignment, aksRoleName, clusterAccess, type AccessScenario, type AksRoleName, type ClusterAccess } from './access';
export { AKS_AAD_SERVER_APP_ID } from './token-review';
export { AKS_ROLES, authorize, type RoleAssignment, type UserInfo } from './rbac';
export { ClusterState, DEFAULT_WORKLOAD } from './cluster-state';
export type { ApiRequest } from './handler';

/** Where the tenant's signing keys come from: a JWKS URL (fetched like AKS does, trusting `ca`) or the keys themselves. */
export type EntraKeys = { readonly issuer: string; readonly jwksUrl: string; readonly ca?: string } | { readonly issuer: string; readonly jwks: Jwks };

/** Options of `startApiServerStandin`. */
export interface ApiServerOptions {
  readonly tenantId: string;
  readonly clusterId: string;
  readonly access: ClusterAccess;
  /** Required on Entra-integrated clusters. */
  readonly entra?: EntraKeys;
  /** Azure role assignments now (Azure-RBAC clusters); default: the scenario's own, fixed. */
  readonly roleAssignments?: () => readonly RoleAssignment[];
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca: string };
  readonly host?: string;
  readonly port?: number;
  readonly workload?: WorkloadSpec;
  /** An existing state to serve (a process that reloads its access configuration keeps its objects). */
  readonly state?: ClusterState;
  /** CAE: when the operator's sessions were revoked (epoch seconds); older tokens get a claims challenge. */
  readonly sessionsRevokedAt?: () => number | undefined;
}

/** A running API server stand-in. */
export interface ApiServerStandIn {
  readonly url: string;
  /** PEM of the CA that signed the serving certificate. */
  readonly ca: string;
  readonly state: ClusterState;
  requests(): ApiRequest[];
  stop(): Promise<void>;
}

function fetchJwks(url: string, ca: string | undefined): Promise<Jwks> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ...(ca ? { ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            if (res.statusCode !== 200) throw new Error(`JWKS ${url} answered ${res.statusCode}`);
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Jwks);
          } catch (error) {
            reject(error as Error);
          }
        });
      })
      .on('error', reject);
  });
}

/** The authenticator's key source: fixed keys, or the JWKS URL fetched once and cached. */
export function jwksSource(entra: EntraKeys): () => Promise<Jwks> {
  if ('jwks' in entra) return () => Promise.resolve(entra.jwks);
  let cached: Promise<Jwks> | undefined;
  return () => {
    cached ??= fetchJwks(entra.jwksUrl, entra.ca).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/** The handler configuration for a cluster (shared by the loopback server and the topology process). */
export function handlerConfig(options: Omit<ApiServerOptions, 'tls' | 'host' | 'port'>, log: (entry: ApiRequest) => void): Parameters<typeof createApiHandler>[0] {
  const { access } = options;
  if (access.aadProfile && !options.entra) throw new Error('an Entra-integrated cluster needs `entra` (issuer and keys)');
  const assignments = options.roleAssignments ?? (() => access.roleAssignments);
  return {
    authn: {
      ...(access.aadProfile && options.entra
        ? { entra: { tenantId: options.tenantId, issuer: options.entra.issuer, jwks: jwksSource(options.entra), ...(options.sessionsRevokedAt ? { sessionsRevokedAt: options.sessionsRevokedAt } : {}) } }
        : {}),
      localAccounts: [{ token: access.localAccountToken, user: LOCAL_ADMIN }],
      disableLocalAccounts: access.disableLocalAccounts,
    },
    authz: { bindings: access.bindings, ...(access.aadProfile?.enableAzureRBAC ? { azure: { clusterId: options.clusterId, roleAssignments: assignments } } : {}) },
    state: options.state ?? new ClusterState(options.workload ?? DEFAULT_WORKLOAD),
    log,
  };
}

/** Starts the stand-in on `host:port` (default 127.0.0.1, a random port). */
export async function startApiServerStandin(options: ApiServerOptions): Promise<ApiServerStandIn> {
  const log: ApiRequest[] = [];
  const config = handlerConfig(options, (entry) => log.push(entry));
  let tls = options.tls;
  if (!tls) {
    const made = makeStandInTls();
    tls = { cert: made.certPem, key: made.keyPem, ca: made.caPem };
  }
  const server = https.createServer({ cert: tls.cert, key: tls.key }, createApiHandler(config));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `https://${options.host ?? '127.0.0.1'}:${address.port}`,
    ca: tls.ca,
    state: config.state,
    requests: () => [...log],
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
