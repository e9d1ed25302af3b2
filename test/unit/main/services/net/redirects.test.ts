import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MsalNetworkModule, NetStack } from '../../../../../src-main/services/net';

/** What one loopback server received. */
interface Seen {
  method: string;
  path: string;
  body: string;
}

/** A loopback server on its own port (its own origin) that records every request and answers by path. */
async function startServer(answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', path: req.url ?? '', body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let foreign: Awaited<ReturnType<typeof startServer>>;
let home: Awaited<ReturnType<typeof startServer>>;
let net: NetStack;

beforeAll(async () => {
  foreign = await startServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"stolen"}'));
  home = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const status = Number(url.searchParams.get('status') ?? '200');
    if (url.pathname === '/away') return void res.writeHead(status, { location: `${foreign.origin}/collect` }).end();
    if (url.pathname === '/here') return void res.writeHead(status, { location: '/landed' }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  net = NetStack.create({ mode: 'direct' });
});
afterAll(async () => {
  net.dispose();
  await foreign.close();
  await home.close();
});
beforeEach(() => {
  foreign.seen.length = 0;
  home.seen.length = 0;
});

const SECRET_FORM = 'grant_type=refresh_token&refresh_token=secret-refresh-token&client_id=c';

describe('NetStack refuses cross-origin 307/308 redirects that would re-send a request body', () => {
  for (const status of [307, 308]) {
    it(`net.request: a POST answered ${status} to another origin fails and the body never reaches it`, async () => {
      await expect(net.request(`${home.origin}/away?status=${status}`, { method: 'POST', body: SECRET_FORM, headers: { 'content-type': 'application/x-www-form-urlencoded' } })).rejects.toThrow(/redirect/i);
      expect(foreign.seen).toEqual([]);
    });

    it(`MSAL's token POST answered ${status} to another origin never re-sends the refresh token`, async () => {
      const msal = new MsalNetworkModule(net);
      await expect(msal.sendPostRequestAsync(`${home.origin}/away?status=${status}`, { body: SECRET_FORM, headers: {} })).rejects.toThrow(/redirect/i);
      expect(foreign.seen).toEqual([]);
    });

    it(`net.fetch: a POST (audit batch shape) answered ${status} to another origin is refused`, async () => {
      await expect(net.fetch(`${home.origin}/away?status=${status}`, { method: 'POST', body: '[{"secret":1}]' })).rejects.toThrow(/redirect/i);
      expect(foreign.seen).toEqual([]);
    });

    it(`a same-origin ${status} still re-sends the POST with its body (RFC 9110)`, async () => {
      const res = await net.request(`${home.origin}/here?status=${status}`, { method: 'POST', body: 'same-origin-body' });
      expect(res.status).toBe(200);
      expect(home.seen.map((s) => [s.method, s.path.split('?')[0], s.body])).toEqual([
        ['POST', '/here', 'same-origin-body'],
        ['POST', '/landed', 'same-origin-body'],
      ]);
    });
  }

  it('a cross-origin GET redirect is still followed (no body travels)', async () => {
    const res = await net.request(`${home.origin}/away?status=307`);
    expect(res.status).toBe(200);
    expect(foreign.seen.map((s) => s.method)).toEqual(['GET']);
  });

  it('a cross-origin 303 after a POST continues as a GET without the body', async () => {
    await net.request(`${home.origin}/away?status=303`, { method: 'POST', body: SECRET_FORM });
    expect(foreign.seen).toEqual([{ method: 'GET', path: '/collect', body: '' }]);
  });
});
