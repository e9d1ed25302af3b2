import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCommandContext, simulateCommand, type CommandFiles, type CommandOutput } from './aks-command-pod';
import { inCollection, parseArmPath, type ArmPath } from './arm-path';
import { jitPortProblem } from './jit-request';
import { fixtureBody } from './fixtures';
import { runGraphQuery } from './graph';
import { listRoleAssignments } from './role-assignments';
import { pimRoute } from './pim';
import { testTls } from './tls';
import type { World } from './world';

type Json = Record<string, unknown>;

/** Knobs a test turns to make the stand-in misbehave the way Azure sometimes does. */
export interface Faults {
  /** Added before every answer. */
  latencyMs: number;
  /** The next `count` matching requests get 429 with `Retry-After`. */
  throttle: { count: number; retryAfterSeconds: number; match?: RegExp } | null;
  /** The next `count` matching requests get `status` (5xx). */
  serverErrors: { count: number; status: number; match?: RegExp } | null;
  /** Subscriptions whose resources now answer 403 (access lost mid-run). */
  lostSubscriptions: Set<string>;
  /** When set, Resource Graph answers with this status. */
  graphUnavailable: number | null;
  /** 202 answers before a long-running operation completes. */
  lroPolls: number;
  lroRetryAfterSeconds: number;
  /** Items per page of ARM list operations. */
  pageSize: number;
  /** Rows per page of Resource Graph (capped by the request's `$top`). */
  graphPageSize: number;
  /** When true, requests without `Authorization: Bearer …` get 401. */
  requireAuth: boolean;
  /**
   * Continuous access evaluation: a matching request whose bearer token was issued (`iat`) before
   * `issuedBefore` (epoch seconds) gets ARM's 401 with a CAE claims challenge (`nbf` = `issuedBefore`).
   */
  claimsChallenge?: { issuedBefore: number; match?: RegExp } | null;
}

/** One request the stand-in answered. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** `performance.now()` when the request arrived and when it was answered. */
  readonly receivedAt: number;
  readonly answeredAt: number;
}

/** One accepted AKS runCommand, as the command pod received it. */
export interface ReceivedCommand {
  readonly clusterId: string;
  readonly command: string;
  readonly files: CommandFiles;
  /** The `aud` of the request's `clusterToken` (null: none sent, or not a JWT); the token itself is never kept. */
  readonly clusterTokenAudience: string | null;
}

/** What a running stand-in offers a test. */
export interface ArmStandIn {
  readonly url: string;
  /** PEM of the test CA that signed the server certificate. */
  readonly ca: string;
  readonly world: World;
  readonly faults: Faults;
  readonly requests: LoggedRequest[];
  /** Every AKS runCommand accepted: the command and the files its `context` zip carried. */
  readonly runCommands: ReceivedCommand[];
  /** Changes the world between runs ("fix the DNS link, then re-run"). */
  mutate(change: (world: World) => void): void;
  /** Sets the sshd host public keys VM Run Command reports for a VM (id or name). */
  setHostKeys(vm: string, keys: string[]): void;
  stop(): Promise<void>;
}

/** Options of `startArmServer`. */
export interface ArmServerOptions {
  readonly world: World;
  readonly faults?: Partial<Faults>;
  /** Kubeconfig YAML served by listClusterUserCredential (default: one pointing at the cluster's FQDN). */
  readonly kubeconfigFor?: (cluster: Json, serverFqdn: string | null) => string;
  /** Output of `az aks command invoke` for a command and the files of its `context` (default: `simulateCommand`). */
  readonly commandOutput?: (command: string, cluster: Json, files: CommandFiles, clusterToken: string) => CommandOutput | Promise<CommandOutput>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function armError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
  return status;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': randomUUID(), ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
  return status;
}

async function readBody(req: IncomingMessage): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    return null;
  }
}

function defaultKubeconfig(cluster: Json, serverFqdn: string | null): string {
  const props = cluster.properties as Json;
  const host = serverFqdn ?? String(props.privateFQDN ?? props.fqdn);
  const name = String(cluster.name);
  return [
    'apiVersion: v1', 'kind: Config',
    'clusters:', `- name: ${name}`, '  cluster:', `    server: https://${host}:443`,
    'contexts:', `- name: ${name}`, '  context:', `    cluster: ${name}`, `    user: clusterUser_${name}`,
    `current-context: ${name}`,
    'users:', `- name: clusterUser_${name}`, '  user:', '    exec:', '      apiVersion: client.authentication.k8s.io/v1beta1', '      command: kubelogin', '',
  ].join('\n');
}

/** The payload of a JWT, or an empty object when `token` is empty or not a JWT. */
function jwtClaims(token: string): Record<string, unknown> {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The `aud` claim of a JWT, or null when `token` is empty or not a JWT. */
function audienceOfJwt(token: string): string | null {
  const { aud } = jwtClaims(token);
  return typeof aud === 'string' ? aud : null;
}

/** The `iat` claim of a JWT (seconds), or 0 when `token` is not a JWT with one. */
function issuedAtOfJwt(token: string): number {
  const { iat } = jwtClaims(token);
  return typeof iat === 'number' ? iat : 0;
}

/** Starts the HTTPS ARM stand-in on 127.0.0.1 (random port) over a scenario world. */
export async function startArmServer(options: ArmServerOptions): Promise<ArmStandIn> {
  const tls = testTls();
  const world = options.world;
  const faults: Faults = {
    latencyMs: 0,
    throttle: null,
    serverErrors: null,
    lostSubscriptions: new Set(),
    graphUnavailable: null,
    lroPolls: 1,
    lroRetryAfterSeconds: 0,
    pageSize: 100,
    graphPageSize: 1000,
    requireAuth: true,
    ...options.faults,
  };
  const requests: LoggedRequest[] = [];
  const runCommands: ReceivedCommand[] = [];
  const aksCommands = new Map<string, { polls: number; clusterId: string; result: Json }>();
  const vmOperations = new Map<string, { polls: number; result: Json }>();
  let origin = '';

  /** VNets carry their peerings inline, as ARM returns them. */
  const decorate = (resource: Json): Json => {
    if (String(resource.type).toLowerCase() !== 'microsoft.network/virtualnetworks') return resource;
    const prefix = `${String(resource.id).toLowerCase()}/virtualnetworkpeerings/`;
    const peerings = world.all().filter((r) => String(r.id).toLowerCase().startsWith(prefix));
    return { ...resource, properties: { ...(resource.properties as Json), virtualNetworkPeerings: peerings } };
  };

  const listPage = (res: ServerResponse, url: URL, items: Json[]): number => {
    const start = Number(url.searchParams.get('$skipToken') ?? '0') || 0;
    const page = items.slice(start, start + faults.pageSize).map(decorate);
    const body: Json = { value: page };
    if (start + faults.pageSize < items.length) {
      const next = new URL(url.pathname, origin);
      next.searchParams.set('api-version', url.searchParams.get('api-version') ?? '');
      next.searchParams.set('$skipToken', String(start + faults.pageSize));
      body.nextLink = next.toString();
    }
    return send(res, 200, body);
  };

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<number> => {
    const method = req.method ?? 'GET';
    const pathname = url.pathname.replace(/\/+/g, '/');
    const lowerPath = pathname.toLowerCase();
    if (faults.requireAuth && !/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      return armError(res, 401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing.');
    }
    const cae = faults.claimsChallenge;
    if (cae && (!cae.match || cae.match.test(pathname)) && issuedAtOfJwt((req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')) < cae.issuedBefore) {
      const claims = Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(cae.issuedBefore) } } })).toString('base64');
      return armError(res, 401, 'InvalidAuthenticationToken', 'Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp', {
        'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${claims}"`,
      });
    }
    if (faults.throttle && faults.throttle.count > 0 && (!faults.throttle.match || faults.throttle.match.test(pathname))) {
      faults.throttle.count--;
      return armError(res, 429, 'TooManyRequests', 'Rate limit exceeded.', { 'retry-after': String(faults.throttle.retryAfterSeconds) });
    }
    if (faults.serverErrors && faults.serverErrors.count > 0 && (!faults.serverErrors.match || faults.serverErrors.match.test(pathname))) {
      faults.serverErrors.count--;
      return armError(res, faults.serverErrors.status, 'InternalServerError', 'The server encountered an internal error.');
    }
    const subMatch = /^\/subscriptions\/([^/]+)/i.exec(pathname);
    if (subMatch && faults.lostSubscriptions.has(subMatch[1]!.toLowerCase())) {
      return armError(res, 403, 'AuthorizationFailed', `The client does not have authorization to perform action over scope '/subscriptions/${subMatch[1]}'.`);
    }

    if (method === 'GET' && lowerPath === '/tenants') return listPage(res, url, world.tenants);
    if (method === 'GET' && lowerPath === '/subscriptions') return listPage(res, url, world.subscriptions);
    if (method === 'POST' && lowerPath === '/providers/microsoft.resourcegraph/resources') {
      if (faults.graphUnavailable) return armError(res, faults.graphUnavailable, 'ServiceUnavailable', 'Resource Graph is unavailable.');
      const body = await readBody(req);
      if (!body || typeof body.query !== 'string') return armError(res, 400, 'BadRequest', 'The request body must carry a query.');
      const denied = new Set([...faults.lostSubscriptions]);
      const rows = runGraphQuery(world, body.query, Array.isArray(body.subscriptions) ? (body.subscriptions as string[]) : undefined, denied);
      const opts = (body.options ?? {}) as Json;
      const start = Number(opts.$skipToken ? Buffer.from(String(opts.$skipToken), 'base64url').toString() : opts.$skip ?? 0) || 0;
      const top = Math.min(Number(opts.$top ?? faults.graphPageSize) || faults.graphPageSize, faults.graphPageSize);
      const data = rows.slice(start, start + top);
      const answer: Json = { totalRecords: rows.length, count: data.length, data, facets: [], resultTruncated: 'false' };
      if (start + top < rows.length) answer.$skipToken = Buffer.from(String(start + top)).toString('base64url');
      return send(res, 200, answer);
    }

    const assignments = /^(.*)\/providers\/microsoft\.authorization\/roleassignments$/i.exec(pathname);
    if (assignments && method === 'GET') return send(res, 200, { value: listRoleAssignments(world, assignments[1]!, url.searchParams.get('$filter'), (id) => world.groupsOf.get(id) ?? []) });
    const pim = await pimRoute(world, req, res, url, { send, armError, readBody });
    if (pim !== null) return pim;
    const p = parseArmPath(pathname);
    if (!p) return armError(res, 404, 'NotFound', `No route for ${method} ${pathname}.`);
    const special = await operations(req, res, url, p, method, lowerPath);
    if (special !== null) return special;
    if (method !== 'GET') return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on ${pathname} by the stand-in.`);
    if (!p.provider && p.resourceGroup === null && p.types.length === 0) {
      const sub = world.subscriptions.find((s) => s.subscriptionId.toLowerCase() === p.subscriptionId!.toLowerCase());
      return sub ? send(res, 200, sub) : armError(res, 404, 'SubscriptionNotFound', `The subscription '${p.subscriptionId}' could not be found.`);
    }
    if (p.isCollection) return listPage(res, url, world.where((id) => inCollection(p, id)));
    const resource = world.get(pathname);
    if (resource) return send(res, 200, decorate(resource));
    const type = p.types.at(-1) ?? 'resource';
    return armError(res, 404, 'ResourceNotFound', `The Resource '${p.provider}/${p.types.join('/')}/${p.names.at(-1)}' under resource group '${p.resourceGroup}' was not found (${type}).`);
  };

  const operations = async (req: IncomingMessage, res: ServerResponse, url: URL, p: ArmPath, method: string, lowerPath: string): Promise<number | null> => {
    const apiVersion = url.searchParams.get('api-version') ?? '';
    const provider = p.provider?.toLowerCase();
    const last = p.types.at(-1)?.toLowerCase();
    if (provider === 'microsoft.containerservice' && method === 'POST' && p.isCollection && last === 'runcommand') {
      const clusterId = lowerPath.replace(/\/runcommand$/, '');
      const cluster = world.get(clusterId);
      if (!cluster) return armError(res, 404, 'ResourceNotFound', 'The managed cluster was not found.');
      const body = await readBody(req);
      if (!body || typeof body.command !== 'string' || body.command.trim() === '') return armError(res, 400, 'InvalidParameter', "The value of parameter 'command' is invalid.");
      const ap = ((cluster.properties as Json).apiServerAccessProfile ?? {}) as Json;
      if (ap.disableRunCommand === true) return armError(res, 400, 'RunCommandDisabled', 'Run command is disabled on this managed cluster (apiServerAccessProfile.disableRunCommand).');
      const context = readCommandContext(body.context);
      if ('error' in context) return armError(res, 400, 'InvalidParameter', `The value of parameter 'context' is invalid: ${context.error}.`);
      const clusterToken = typeof body.clusterToken === 'string' ? body.clusterToken : '';
      runCommands.push({ clusterId, command: body.command, files: context.files, clusterTokenAudience: audienceOfJwt(clusterToken) });
      const commandId = randomUUID().replace(/-/g, '');
      const output = options.commandOutput ? await options.commandOutput(body.command, cluster, context.files, clusterToken) : simulateCommand(body.command, context.files);
      const result = fixtureBody<Json>('containerservice/RunCommandResultSucceed');
      const now = new Date().toISOString();
      result.id = commandId;
      result.properties = { provisioningState: 'succeeded', exitCode: output.exitCode, startedAt: now, finishedAt: now, logs: output.logs };
      aksCommands.set(commandId, { polls: 0, clusterId, result });
      const location = `${origin}${pathname(cluster)}/commandResults/${commandId}?api-version=${apiVersion}`;
      return send(res, 202, undefined, { location, 'retry-after': String(faults.lroRetryAfterSeconds) });
    }
    if (provider === 'microsoft.containerservice' && method === 'GET' && p.types.at(-1)?.toLowerCase() === 'commandresults' && !p.isCollection) {
      const job = aksCommands.get(p.names.at(-1)!);
      if (!job) return armError(res, 404, 'NotFound', 'The command result was not found.');
      if (job.polls++ < faults.lroPolls) {
        return send(res, 202, undefined, { location: `${origin}${url.pathname}?api-version=${apiVersion}`, 'retry-after': String(faults.lroRetryAfterSeconds) });
      }
      return send(res, 200, job.result);
    }
    if (provider === 'microsoft.containerservice' && method === 'POST' && last === 'listclusterusercredential') {
      const cluster = world.get(lowerPath.replace(/\/listclusterusercredential$/, ''));
      if (!cluster) return armError(res, 404, 'ResourceNotFound', 'The managed cluster was not found.');
      const yaml = (options.kubeconfigFor ?? defaultKubeconfig)(cluster, url.searchParams.get('server-fqdn'));
      const body = fixtureBody<Json>('containerservice/ManagedClustersListClusterUserCredentials');
      body.kubeconfigs = [{ name: 'clusterUser', value: Buffer.from(yaml).toString('base64') }];
      return send(res, 200, body);
    }
    if (provider === 'microsoft.compute' && method === 'GET' && last === 'instanceview' && p.isCollection) {
      const view = world.instanceViews.get(lowerPath.replace(/\/instanceview$/, ''));
      if (!view || !world.get(lowerPath.replace(/\/instanceview$/, ''))) return armError(res, 404, 'ResourceNotFound', 'The virtual machine was not found.');
      return send(res, 200, view);
    }
    if (provider === 'microsoft.compute' && method === 'POST' && last === 'runcommand' && p.isCollection) {
      const vmId = lowerPath.replace(/\/runcommand$/, '');
      const vm = world.get(vmId);
      if (!vm) return armError(res, 404, 'ResourceNotFound', 'The virtual machine was not found.');
      const body = await readBody(req);
      const script = Array.isArray(body?.script) ? (body!.script as string[]).join('\n') : '';
      if (body?.commandId !== 'RunShellScript') return armError(res, 400, 'InvalidParameter', 'Only RunShellScript is supported by the stand-in.');
      const keys = /ssh_host_/.test(script) ? (world.hostKeys.get(vmId) ?? []) : [];
      const stdout = keys.join('\n');
      const opId = randomUUID();
      vmOperations.set(opId, {
        polls: 0,
        result: { value: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', message: `Enable succeeded: \n[stdout]\n${stdout}\n[stderr]\n` }] },
      });
      const opPath = `/subscriptions/${p.subscriptionId}/providers/Microsoft.Compute/locations/${String(vm.location).replace(/\s/g, '').toLowerCase()}/operations/${opId}`;
      return send(res, 202, undefined, {
        'azure-asyncoperation': `${origin}${opPath}?api-version=${apiVersion}`,
        location: `${origin}${opPath}?monitor=true&api-version=${apiVersion}`,
        'retry-after': String(faults.lroRetryAfterSeconds),
      });
    }
    if (provider === 'microsoft.compute' && method === 'GET' && p.types[0]?.toLowerCase() === 'locations' && p.types[1]?.toLowerCase() === 'operations') {
      const op = vmOperations.get(p.names[1] ?? '');
      if (!op) return armError(res, 404, 'NotFound', 'The operation was not found.');
      const monitor = url.searchParams.get('monitor') === 'true';
      const done = op.polls >= faults.lroPolls;
      if (!monitor) {
        op.polls++;
        return send(res, 200, { name: p.names[1], status: done ? 'Succeeded' : 'InProgress', startTime: new Date().toISOString() }, done ? {} : { 'retry-after': String(faults.lroRetryAfterSeconds) });
      }
      return done ? send(res, 200, op.result) : send(res, 202, undefined, { location: `${origin}${url.pathname}${url.search}` });
    }
    if (provider === 'microsoft.security' && method === 'POST' && last === 'initiate') {
      const policyId = lowerPath.replace(/\/initiate$/, '');
      const policy = world.get(policyId);
      if (!policy) return armError(res, 404, 'ResourceNotFound', 'The JIT network access policy was not found.');
      const body = await readBody(req);
      const vms = Array.isArray(body?.virtualMachines) ? (body!.virtualMachines as Json[]) : null;
      if (!vms || vms.length === 0) return armError(res, 400, 'BadRequest', 'virtualMachines is required.');
      const covered = ((policy.properties as Json).virtualMachines as Json[]).map((v) => String(v.id).toLowerCase());
      for (const v of vms) {
        if (!covered.includes(String(v.id).toLowerCase())) return armError(res, 400, 'BadRequest', `Virtual machine ${String(v.id)} is not protected by this policy.`);
        for (const port of (v.ports ?? []) as Json[]) {
          if (typeof port.number !== 'number' || typeof port.endTimeUtc !== 'string') return armError(res, 400, 'BadRequest', 'Each port needs number and endTimeUtc.');
          const problem = jitPortProblem(((policy.properties as Json).virtualMachines as Json[]).find((pv) => String(pv.id).toLowerCase() === String(v.id).toLowerCase()), port);
          if (problem) return armError(res, 400, 'BadRequest', problem);
        }
      }
      const request = {
        virtualMachines: vms.map((v) => ({
          id: v.id,
          ports: ((v.ports ?? []) as Json[]).map((port) => ({
            number: port.number,
            allowedSourceAddressPrefix: port.allowedSourceAddressPrefix ?? '127.0.0.1',
            endTimeUtc: port.endTimeUtc,
            status: 'Initiated',
            statusReason: 'UserRequested',
          })),
        })),
        startTimeUtc: new Date().toISOString(),
        requestor: 'operator@contoso.example',
        ...(body?.justification ? { justification: body.justification } : {}),
      };
      const props = policy.properties as Json;
      world.put({ ...policy, properties: { ...props, requests: [...((props.requests ?? []) as Json[]), request] } });
      return send(res, 202, request);
    }
    return null;
  };

  const pathname = (resource: Json) => String(resource.id);

  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const receivedAt = performance.now();
    const handle = async () => {
      if (faults.latencyMs > 0) await sleep(faults.latencyMs);
      let status: number;
      try {
        status = await route(req, res, url);
      } catch (error) {
        status = armError(res, 500, 'InternalServerError', `stand-in failure: ${(error as Error).message}`);
      }
      requests.push({ method: req.method ?? 'GET', path: url.pathname, status, receivedAt, answeredAt: performance.now() });
    };
    void handle();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    ca: tls.ca,
    world,
    faults,
    requests,
    runCommands,
    mutate: (change) => change(world),
    setHostKeys: (vm, keys) => {
      const hit = world.get(vm) ?? world.all().find((r) => String(r.type).toLowerCase() === 'microsoft.compute/virtualmachines' && r.name === vm);
      if (!hit) throw new Error(`no VM ${vm}`);
      world.hostKeys.set(String(hit.id).toLowerCase(), keys);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
