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
import type { LiveSession, SessionRecord, StandInFaults, UpstreamRouter } from './standin-types';
import { createServerIdentity } from './test-pki';

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
  /** Waits until `predicate` holds over the records (polling), or throws after `timeoutMs`. */
  waitFor(predicate: (records: readonly SessionRecord[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Puts every knob back to "well behaved". */
  resetFaults(): void;
  close(): Promise<void>;
}

function noFaults(): StandInFaults {
  return { tokens: null, upgradeStatus: null, upgradeDelayMs: 0, sessionFault: null, faultAfterBytes: 0, fragmented: false, messageSizes: [], pingIntervalMs: 0, deleteTerminates: false, strict: false, deleteStatus: null, sessionLimit: null };
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
  const live = new Map<SessionRecord, RelaySession>();
  const sockets = new Set<Socket>();

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });

  async function mintTokens(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(req));
    if (faults.tokens) {
      res.writeHead(faults.tokens.status, { 'Content-Type': faults.tokens.contentType ?? 'application/json' }).end(faults.tokens.body);
      return;
    }
    const resourceId = form.get('resourceId');
    const port = Number(form.get('workloadHostPort'));
    const aztoken = form.get('aztoken');
    if (!resourceId || form.get('protocol') !== 'tcptunnel' || !Number.isInteger(port) || port < 1) return json(res, 400, { message: 'Missing or invalid field' });
    if (!aztoken || !acceptToken(aztoken)) return json(res, 401, { message: 'Unauthorized' });
    if (!settings.tunnelingEnabled) return json(res, 400, { message: 'Tunneling is disabled' });
    const hostname = form.get('hostname') ?? undefined;
    if (/\/bh-hostConnect\//i.test(resourceId) && !settings.ipConnectEnabled) return json(res, 403, { message: 'IP connect is not enabled' });
    if (faults.sessionLimit !== null && records.filter((r) => r.deletedAt === undefined).length >= faults.sessionLimit) return json(res, 429, { message: 'Session limit reached' });
    const target = { resourceId, port, ...(hostname ? { hostname } : {}) };
    if (!options.route(target)) return json(res, 404, { message: 'Target resource not found' });
    const record: SessionRecord = { authToken: token(), nodeId: randomUUID(), target, route: 'webtunnelv2', createdAt: Date.now(), bytesFromClient: 0, bytesToClient: 0 };
    const websocketToken = token();
    records.push(record);
    byAuth.set(record.authToken, record);
    pending.set(websocketToken, record);
    json(res, 200, { authToken: record.authToken, nodeId: record.nodeId, websocketToken, username: '', dataSource: '', availableDataSources: [] });
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
      if (!record) return refuse(404);
      if (v2 && url.searchParams.get('X-Node-Id') !== record.nodeId) return refuse(401);
      pending.delete(wsToken);
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
