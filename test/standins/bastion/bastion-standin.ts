/**
 * A Bastion data-plane stand-in (bastion-protocol.md §7) on loopback HTTPS + WSS: `/api/tokens`,
 * `webtunnelv2`, DELETE, the Developer `/api/connection` + `/omni/webtunnel/` route, fault knobs,
 * and a record of every session so tests can prove none is left undeleted.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { RelaySession } from './relay-session';
import type { LiveSession, SessionRecord, StandInFaults, TokenRequestRecord, UpstreamRouter } from './standin-types';
import { createServerIdentity } from './test-pki';
import { formFields, mediaType, readTokenForm } from './token-form';

export type * from './standin-types';

/** Options of the stand-in. */
export interface BastionStandInOptions {
  /** Bastion `dnsName` values it answers for (TLS SANs); the first is the main one. */
  readonly hostnames?: readonly string[];
  /** What `/api/connection` returns as the Developer data pod (default: the main host name). */
  readonly dataPodHost?: string;
  /** Where sessions go. */
  readonly route: UpstreamRouter;
  /** Decides whether an `aztoken` is acceptable (default: any non-empty value). */
  readonly acceptToken?: (aztoken: string) => boolean;
  /** Accept an `aztoken` sent as `Bearer …` (default false: the service wants the bare token). */
  readonly acceptBearerPrefix?: boolean;
  readonly tunnelingEnabled?: boolean;
  readonly ipConnectEnabled?: boolean;
}

/** A running stand-in. */
export interface BastionStandIn {
  /** The main host name (use as the Bastion's `dnsName`). */
  readonly hostname: string;
  readonly port: number;
  /** PEM of the CA that signed its certificate (give it to the client as extra trust). */
  readonly caPem: string;
  /** The `connectOverrides` config that points every host name at this server. */
  readonly connectOverrides: Record<string, string>;
  /** Mutable fault knobs. */
  readonly faults: StandInFaults;
  /** Switches that real Bastion reads from its own configuration. */
  readonly settings: { tunnelingEnabled: boolean; ipConnectEnabled: boolean };
  /** Every session ever minted. */
  sessions(): readonly SessionRecord[];
  /** Sessions minted and not (yet) deleted. */
  undeleted(): readonly SessionRecord[];
  /** Sessions with an open websocket. */
  live(): readonly LiveSession[];
  /** Every `POST /api/tokens`, refused or not: content type, field names, Origin and the answer's status. */
  tokenRequests(): readonly TokenRequestRecord[];
  /** Waits until `predicate` holds over the records (polling), or throws after `timeoutMs`. */
  waitFor(predicate: (records: readonly SessionRecord[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Puts every knob back to "well behaved". */
  resetFaults(): void;
  close(): Promise<void>;
}

function noFaults(): StandInFaults {
  return { tokens: null, upgradeStatus: null, upgradeDelayMs: 0, sessionFault: null, faultAfterBytes: 0, faultAfterBytesToClient: 0, fragmented: false, messageSizes: [], pingIntervalMs: 0, deleteTerminates: false, deleteStatus: null, sessionLimit: null };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

/** Starts the stand-in on 127.0.0.1 with a fresh test CA. */
export async function startBastionStandIn(options: BastionStandInOptions): Promise<BastionStandIn> {
  const hostnames = options.hostnames?.length ? [...options.hostnames] : ['bst-standin-0001.bastion.azure.com'];
  const dataPodHost = options.dataPodHost ?? hostnames[0]!;
  const identity = await createServerIdentity([...new Set([...hostnames, dataPodHost])]);
  const faults = noFaults();
  const settings = { tunnelingEnabled: options.tunnelingEnabled ?? true, ipConnectEnabled: options.ipConnectEnabled ?? true };
  const acceptToken = options.acceptToken ?? ((t: string) => t.length > 0);
  const records: SessionRecord[] = [];
  const byAuth = new Map<string, SessionRecord>();
  const pending = new Map<string, SessionRecord>();
  /** Websocket tokens already used once: presenting one again is a 401, as the service answers. */
  const consumed = new Set<string>();
  const tokenRequests: TokenRequestRecord[] = [];
  const live = new Map<SessionRecord, RelaySession>();
  const sockets = new Set<Socket>();

  // Pongs are the relay's to send, so a stalled session can stay silent while it still reads close frames.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024, autoPong: false });

  async function mintTokens(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const seen = { contentType: req.headers['content-type'] ?? null, fields: formFields(req.headers, body), origin: req.headers.origin ?? null };
    const answer = (status: number, payload: unknown) => {
      tokenRequests.push({ ...seen, status });
      json(res, status, payload);
    };
    if (faults.tokens) {
      tokenRequests.push({ ...seen, status: faults.tokens.status });
      res.writeHead(faults.tokens.status, { 'Content-Type': faults.tokens.contentType ?? 'application/json' }).end(faults.tokens.body);
      return;
    }
    const form = readTokenForm(req.headers, body, { acceptBearerPrefix: options.acceptBearerPrefix ?? false });
    if ('status' in form) return answer(form.status, { message: form.message });
    const { resourceId, port, aztoken, hostname } = form;
    if (!acceptToken(aztoken)) return answer(401, { message: 'Unauthorized' });
    if (!settings.tunnelingEnabled) return answer(400, { message: 'Tunneling is disabled' });
    if (/\/bh-hostConnect\//i.test(resourceId) && !settings.ipConnectEnabled) return answer(403, { message: 'IP connect is not enabled' });
    if (faults.sessionLimit !== null && records.filter((r) => r.deletedAt === undefined).length >= faults.sessionLimit) return answer(429, { message: 'Session limit reached' });
    const target = { resourceId, port, ...(hostname ? { hostname } : {}) };
    if (!options.route(target)) return answer(404, { message: 'Target resource not found' });
    const record: SessionRecord = { authToken: token(), nodeId: randomUUID(), target, route: 'webtunnelv2', createdAt: Date.now(), bytesFromClient: 0, clientMessages: 0, largestClientMessage: 0, bytesToClient: 0 };
    const websocketToken = token();
    records.push(record);
    byAuth.set(record.authToken, record);
    pending.set(websocketToken, record);
    answer(200, { authToken: record.authToken, nodeId: record.nodeId, websocketToken, username: '', dataSource: '', availableDataSources: [] });
  }

  function deleteSession(req: IncomingMessage, res: ServerResponse, authToken: string): void {
    if (faults.deleteStatus) {
      json(res, faults.deleteStatus, { message: 'Internal error' });
      return;
    }
    const record = byAuth.get(authToken);
    if (!record || record.deletedAt !== undefined) {
      res.writeHead(404).end();
      return;
    }
    record.deletedAt = Date.now();
    record.deleteHadNodeId = req.headers['x-node-id'] === record.nodeId;
    for (const [key, r] of pending) if (r === record) pending.delete(key);
    const session = live.get(record);
    if (session && faults.deleteTerminates) session.apply({ kind: 'close', code: 1000 });
    res.writeHead(204).end();
  }

  async function developerConnection(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (mediaType(req.headers) !== 'application/json') return json(res, 415, { message: 'Content-Type must be application/json' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { message: 'Body must be JSON' });
    }
    if (typeof body.azToken !== 'string' || !acceptToken(body.azToken)) return json(res, 401, { message: 'Unauthorized' });
    if (typeof body.resourceId !== 'string' || typeof body.bastionResourceId !== 'string' || body.connectionType !== 'nativeclient') return json(res, 400, { message: 'Missing or invalid field' });
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(dataPodHost);
  }

  const server = https.createServer({ cert: identity.certPem, key: identity.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://standin');
    const deleteMatch = /^\/api\/tokens\/([^/]+)$/.exec(url.pathname);
    const handle = async () => {
      if (req.method === 'POST' && url.pathname === '/api/tokens') return mintTokens(req, res);
      if (req.method === 'DELETE' && deleteMatch) return deleteSession(req, res, decodeURIComponent(deleteMatch[1]!));
      if (req.method === 'POST' && url.pathname === '/api/connection') return developerConnection(req, res);
      json(res, 404, { message: 'Not found' });
    };
    handle().catch(() => json(res, 500, { message: 'stand-in error' }));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: number) => {
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const go = () => {
      if (faults.upgradeStatus) return refuse(faults.upgradeStatus);
      const url = new URL(req.url ?? '/', 'https://standin');
      const v2 = /^\/webtunnelv2\/([^/]+)$/.exec(url.pathname);
      const omni = /^\/omni\/webtunnel\/([^/]+)$/.exec(url.pathname);
      const wsToken = decodeURIComponent((v2 ?? omni)?.[1] ?? '');
      const record = pending.get(wsToken);
      if (!record) return refuse(consumed.has(wsToken) ? 401 : 404);
      if (v2 && url.searchParams.get('X-Node-Id') !== record.nodeId) return refuse(401);
      pending.delete(wsToken);
      consumed.add(wsToken);
      record.upgradeOrigin = req.headers.origin ?? null;
      const dial = options.route(record.target);
      if (!dial) return refuse(404);
      (record as { route: SessionRecord['route'] }).route = omni ? 'omni' : 'webtunnelv2';
      wss.handleUpgrade(req, socket, head, (ws) => {
        record.connectedAt = Date.now();
        const early: Array<[Buffer, boolean]> = [];
        const hold = (data: Buffer, isBinary: boolean) => early.push([data, isBinary]);
        ws.on('message', hold);
        dial().then(
          (upstream) => {
            ws.off('message', hold);
            if (ws.readyState !== ws.OPEN) {
              upstream.destroy();
              return;
            }
            live.set(record, new RelaySession(record, ws, upstream, faults, () => live.delete(record), early));
          },
          () => {
            record.endedAt = Date.now();
            record.endedBy = 'dial-failed';
            ws.close(1011);
          },
        );
      });
    };
    if (faults.upgradeDelayMs > 0) setTimeout(go, faults.upgradeDelayMs);
    else go();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const connectOverrides = Object.fromEntries([...new Set([...hostnames, dataPodHost])].map((h) => [h, `127.0.0.1:${port}`]));

  return {
    hostname: hostnames[0]!,
    port,
    caPem: identity.caPem,
    connectOverrides,
    faults,
    settings,
    sessions: () => records,
    undeleted: () => records.filter((r) => r.deletedAt === undefined),
    live: () => [...live.values()],
    tokenRequests: () => tokenRequests,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(records)) {
        if (Date.now() > deadline) throw new Error(`stand-in condition not met within ${timeoutMs} ms; sessions: ${JSON.stringify(records.map((r) => ({ ...r, authToken: undefined, nodeId: undefined })))}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    resetFaults() {
      Object.assign(faults, noFaults());
    },
    async close() {
      for (const session of live.values()) session.apply({ kind: 'drop' });
      wss.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
