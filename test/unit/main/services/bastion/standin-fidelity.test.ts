import https from 'node:https';
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBastionStandIn, type BastionStandIn, type LiveSession, type SessionRecord } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter } from '../../../../standins/bastion/harness';
import { useStandInSuite } from './standin-suite';

/** An upstream whose writes wait until released: what the relay wrote stays queued in it meanwhile. */
function heldUpstream() {
  let received = 0;
  let holding = true;
  const held: Array<() => void> = [];
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => { settle = resolve; });
  const duplex = new Duplex({
    writableHighWaterMark: 64 * 1024 * 1024,
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (holding) held.push(() => callback());
      else callback();
    },
    final(callback) {
      callback();
      settle();
    },
  });
  duplex.on('close', () => settle());
  return {
    duplex,
    received: () => received,
    settled,
    release() {
      holding = false;
      for (const callback of held.splice(0)) callback();
    },
  };
}

const suite = useStandInSuite();

const GOOD = { resourceId: IDS.jumpBox, protocol: 'tcptunnel', workloadHostPort: '22', aztoken: 'bare-arm-token' };

/** Sends `POST /api/tokens` to a stand-in the way a client might (content type and body chosen by the test). */
function postTokens(target: BastionStandIn, body: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: target.port, path: '/api/tokens', method: 'POST', servername: target.hostname, ca: target.caPem, headers: { Host: target.hostname, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, string>) : {} });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/** Opens the websocket of a minted session (raw `ws`, so the test controls every frame). */
function openSocket(target: BastionStandIn, minted: Record<string, string>, headers: Record<string, string> = {}): WebSocket {
  const options: WebSocket.ClientOptions & { servername: string } = { ca: target.caPem, servername: target.hostname, headers: { Host: target.hostname, ...headers }, perMessageDeflate: false };
  const ws = new WebSocket(`wss://127.0.0.1:${target.port}/webtunnelv2/${minted.websocketToken}?X-Node-Id=${minted.nodeId}`, options);
  suite.defer(() => ws.terminate());
  ws.on('error', () => undefined);
  return ws;
}

/** Mints a session, opens its websocket and waits until the stand-in relays it to its upstream. */
async function mintAndOpen(target: BastionStandIn, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; record: SessionRecord; relay: LiveSession }> {
  const minted = await postTokens(target, form(GOOD), FORM);
  expect(minted.status).toBe(200);
  const ws = openSocket(target, minted.json, headers);
  await new Promise((resolve) => ws.once('open', resolve));
  const record = target.sessions().find((r) => r.authToken === minted.json.authToken)!;
  for (;;) {
    const relay = target.live().find((l) => l.record === record);
    if (relay) return { ws, record, relay };
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));

describe('the Bastion stand-in refuses what the service refuses (issue 13 item 13)', () => {
  it('a token request that is not form-urlencoded (JSON, or no content type) gets 415 and no session', async () => {
    const before = suite.standIn.sessions().length;
    expect((await postTokens(suite.standIn, JSON.stringify(GOOD), { 'Content-Type': 'application/json' })).status).toBe(415);
    expect((await postTokens(suite.standIn, form(GOOD), {})).status).toBe(415);
    expect((await postTokens(suite.standIn, form(GOOD), FORM)).status).toBe(200);
    expect(suite.standIn.sessions().length).toBe(before + 1);
  });

  it('an aztoken with a "Bearer " prefix gets 401, unless a test asks for a lenient service', async () => {
    expect((await postTokens(suite.standIn, form({ ...GOOD, aztoken: 'Bearer bare-arm-token' }), FORM)).status).toBe(401);
    const lenient = await startBastionStandIn({ route: loopbackRouter(suite.echo.port), acceptBearerPrefix: true });
    suite.defer(() => lenient.close());
    expect((await postTokens(lenient, form({ ...GOOD, aztoken: 'Bearer bare-arm-token' }), FORM)).status).toBe(200);
  });

  it('workloadHostPort must be a plain decimal port', async () => {
    for (const port of ['0x16', '22.0', '022', '+22', ' 22', '2e1', '0', '65536', '']) {
      expect({ port, status: (await postTokens(suite.standIn, form({ ...GOOD, workloadHostPort: port }), FORM)).status }).toEqual({ port, status: 400 });
    }
    expect((await postTokens(suite.standIn, form({ ...GOOD, workloadHostPort: '65535' }), FORM)).status).toBe(200);
  });

  it('a websocket token used once is refused with 401 the second time (an unknown one is 404)', async () => {
    const minted = await postTokens(suite.standIn, form(GOOD), FORM);
    const first = openSocket(suite.standIn, minted.json);
    await new Promise((resolve) => first.once('open', resolve));
    const statusOf = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(await statusOf(openSocket(suite.standIn, minted.json))).toBe(401);
    expect(await statusOf(openSocket(suite.standIn, { ...minted.json, websocketToken: 'never-minted' }))).toBe(404);
  });

  it('a client text frame closes the tunnel with 1003', async () => {
    const { ws, record } = await mintAndOpen(suite.standIn);
    const code = closeCode(ws);
    ws.send('text is not tunnel bytes');
    expect(await code).toBe(1003);
    expect(record.endedBy).toBe('fault');
  });

  it('on a client close the upstream is ended, not destroyed: bytes still queued for it arrive', async () => {
    const upstream = heldUpstream();
    const toHeld = await startBastionStandIn({ route: () => () => Promise.resolve(upstream.duplex) });
    suite.defer(() => toHeld.close());
    const { ws, record } = await mintAndOpen(toHeld);
    const total = 1024 * 1024;
    for (let sent = 0; sent < total; sent += 64 * 1024) ws.send(Buffer.alloc(64 * 1024, 9));
    ws.close(1000);
    await toHeld.waitFor(() => record.endedAt !== undefined);
    upstream.release();
    await upstream.settled;
    expect(record.endedBy).toBe('client');
    expect(upstream.received()).toBe(total);
  });

  it('byte-count faults also count bytes towards the client', async () => {
    suite.standIn.faults.sessionFault = { kind: 'drop' };
    suite.standIn.faults.faultAfterBytesToClient = 100_000;
    const { ws, record } = await mintAndOpen(suite.standIn);
    let received = 0;
    ws.on('message', (data: Buffer) => { received += data.length; });
    const code = closeCode(ws);
    for (let i = 0; i < 10; i++) ws.send(Buffer.alloc(30_000, i));
    expect(await code).toBe(1006);
    // Not at once (a fault counting only client bytes fires at the start here), and only after 100 kB went back.
    expect(received).toBeGreaterThan(0);
    expect(record.bytesToClient).toBeGreaterThanOrEqual(100_000);
    expect(record.endedBy).toBe('fault');
  });

  it('a stalled session sends no pong but still reads the client\'s close frame', async () => {
    const { ws, record, relay } = await mintAndOpen(suite.standIn);
    relay.apply({ kind: 'stall' });
    let ponged = false;
    ws.on('pong', () => { ponged = true; });
    ws.ping();
    ws.close(1000);
    await suite.standIn.waitFor(() => record.endedAt !== undefined);
    expect(record.endedBy).toBe('client');
    expect(ponged).toBe(false);
  });

  it('records content type, field names and Origin of every token request and each upgrade\'s Origin', async () => {
    const before = suite.standIn.tokenRequests().length;
    await postTokens(suite.standIn, JSON.stringify(GOOD), { 'Content-Type': 'application/json', Origin: 'https://portal.example' });
    const { record } = await mintAndOpen(suite.standIn, { Origin: 'https://bst.example' });
    expect(suite.standIn.tokenRequests().slice(before)).toEqual([
      { contentType: 'application/json', fields: [], origin: 'https://portal.example', status: 415 },
      { contentType: 'application/x-www-form-urlencoded', fields: ['resourceId', 'protocol', 'workloadHostPort', 'aztoken'], origin: null, status: 200 },
    ]);
    expect(record.upgradeOrigin).toBe('https://bst.example');
  });

  it('the console\'s own client passes: form-urlencoded, bare token, decimal port, no Origin', async () => {
    const wired = clientForStandIn(suite.standIn);
    suite.defer(() => wired.dispose());
    const before = suite.standIn.tokenRequests().length;
    const connection = await wired.client.open({ bastionId: IDS.bastion, target: { kind: 'resource', resourceId: IDS.jumpBox, port: 22 } });
    await connection.close();
    expect(suite.standIn.tokenRequests().slice(before)).toEqual([{ contentType: 'application/x-www-form-urlencoded', fields: ['resourceId', 'protocol', 'workloadHostPort', 'aztoken'], origin: null, status: 200 }]);
    expect(suite.standIn.sessions().at(-1)!.upgradeOrigin).toBeNull();
  });
});
