/**
 * The spoke's "private AKS API server": HTTPS with a certificate for the private FQDN (signed by the
 * topology's test CA), running the API server stand-in (test/standins/apiserver) so the real kubectl
 * works against it. Started by up.sh inside the spoke namespace. Which cluster it is (tenant, JWKS,
 * access scenario, Azure role assignments) comes from the `--access` JSON file, re-read whenever it
 * changes (`Topology.configureApiServer` writes it); without that file it is the server it was
 * before: every request is anonymous (credentials are ignored, so older tests' placeholder tokens
 * still reach /version) and only /version and the health endpoints answer. Rewriting the file for the same
 * cluster (a role granted) keeps its objects; a new cluster's file starts with fresh ones.
 */
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import https from 'node:https';
import { parseArgs } from 'node:util';
import { ClusterState, clusterAccess, handlerConfig, type ClusterAccess, type RoleAssignment } from '../standins/apiserver';
import { createApiHandler, type ApiRequest } from '../standins/apiserver/handler';
import type { Jwks } from '../standins/apiserver/token-review';

const { values } = parseArgs({ options: { listen: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, log: { type: 'string' }, access: { type: 'string' } } });
const [host, port] = (values.listen ?? '127.0.0.1:6443').split(':');

/** The `--access` file: what `Topology.configureApiServer` writes. */
export interface SpokeAccessFile {
  readonly tenantId: string;
  readonly clusterId: string;
  readonly access: ClusterAccess;
  readonly issuer: string;
  readonly jwks: Jwks;
  readonly roleAssignments: RoleAssignment[];
  /** CAE: the operator's sessions were revoked at this epoch second; older tokens get a claims challenge. */
  readonly sessionsRevokedAt?: number;
}

/** The cluster's objects; a configuration for another cluster (another access scenario build) starts from fresh ones. */
let state = new ClusterState();
let stateOwner = '';
const log = (entry: ApiRequest) => {
  if (values.log) appendFileSync(values.log, `${JSON.stringify(entry)}\n`);
};
const unconfigured = createApiHandler(handlerConfig({ tenantId: '', clusterId: '', access: { ...clusterAccess('local-accounts', { tenantId: '', clusterId: '' }), disableLocalAccounts: true }, state }, log));
/** The unconfigured server: credentials are dropped, so every request is judged as system:anonymous. */
const anonymousOnly: typeof unconfigured = (req, res) => {
  delete req.headers.authorization;
  unconfigured(req, res);
};
let current = { version: '', handler: anonymousOnly };

/** The handler for the access file as it is now (it is replaced by rename, so a new inode means new content). */
function handlerNow(): typeof unconfigured {
  let version = '';
  try {
    const st = values.access ? statSync(values.access) : undefined;
    version = st ? `${st.ino}:${st.mtimeMs}` : '';
  } catch {
    version = '';
  }
  if (version === current.version) return current.handler;
  if (version === '') return (current = { version, handler: anonymousOnly }).handler;
  const file = JSON.parse(readFileSync(values.access!, 'utf8')) as SpokeAccessFile;
  if (file.access.localAccountToken !== stateOwner) {
    state = new ClusterState();
    stateOwner = file.access.localAccountToken;
  }
  const handler = createApiHandler(handlerConfig({ tenantId: file.tenantId, clusterId: file.clusterId, access: file.access, entra: { issuer: file.issuer, jwks: file.jwks }, roleAssignments: () => file.roleAssignments, sessionsRevokedAt: () => file.sessionsRevokedAt, state }, log));
  return (current = { version, handler }).handler;
}

const server = https.createServer({ cert: readFileSync(values.cert!), key: readFileSync(values.key!) }, (req, res) => handlerNow()(req, res));
server.listen(Number(port), host, () => process.stdout.write(`api-server listening on ${host}:${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
