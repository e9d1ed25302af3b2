import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { azureClientOptions, MsalNetworkModule, NetStack } from '../../../../../src-main/services/net';
import { startConnectProxy, type ConnectProxy } from '../../../../support/connect-proxy';
import { makeTestTls, type TestTls } from './test-tls';

let tls: TestTls;
let server: https.Server;
let wss: WebSocketServer;
let origin: string;
let hostPort: string;
let proxy: ConnectProxy;
const stacks: NetStack[] = [];

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

beforeAll(async () => {
  tls = makeTestTls();
  server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/hello') return void res.end('hello over tls');
    if (url.pathname === '/moved') return void res.writeHead(302, { location: '/hello' }).end();
    if (url.pathname === '/tenant-1/v2.0/.well-known/openid-configuration') {
      return json(res, {
        issuer: `${origin}/tenant-1/v2.0`,
        authorization_endpoint: `${origin}/tenant-1/oauth2/v2.0/authorize`,
        token_endpoint: `${origin}/tenant-1/oauth2/v2.0/token`,
        end_session_endpoint: `${origin}/tenant-1/oauth2/v2.0/logout`,
        jwks_uri: `${origin}/tenant-1/discovery/v2.0/keys`,
      });
    }
    if (url.pathname === '/tenant-1/oauth2/v2.0/token') {
      return json(res, { token_type: 'Bearer', access_token: 'proxied-access-token', expires_in: 3600, ext_expires_in: 3600 });
    }
    if (url.pathname === '/subscriptions') {
      expect(req.headers.authorization).toBe('Bearer arm-test-token');
      return json(res, { value: [{ id: '/subscriptions/sub-1', subscriptionId: 'sub-1', displayName: 'Spoke', state: 'Enabled' }] });
    }
    res.writeHead(404).end();
  });
  wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${String(data)}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hostPort = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `https://${hostPort}`;
});

afterAll(async () => {
  wss.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(async () => {
  for (const s of stacks.splice(0)) s.dispose();
  await proxy?.close();
});

async function viaProxy(options: { credentials?: { user: string; pass: string } } = {}): Promise<NetStack> {
  proxy = await startConnectProxy(options);
  const url = new URL(proxy.url);
  if (options.credentials) {
    url.username = options.credentials.user;
    url.password = options.credentials.pass;
  }
  const stack = NetStack.create({ env: { HTTPS_PROXY: url.href }, extraCaPem: tls.caPem });
  stacks.push(stack);
  return stack;
}

describe('NetStack through a loopback CONNECT proxy', () => {
  it('fetch tunnels through the proxy, verifies TLS with the extra CA and follows redirects', async () => {
    const net = await viaProxy();
    const res = await net.fetch(`${origin}/moved`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello over tls');
    expect(res.url).toBe(`${origin}/hello`);
    expect(proxy.tunnelsTo(hostPort)).toBeGreaterThanOrEqual(1);
  });

  it('MSAL acquires a token with every request (discovery and token) through the proxy', async () => {
    const net = await viaProxy();
    const msal = new ConfidentialClientApplication({
      auth: { clientId: 'client-1', authority: `${origin}/tenant-1`, knownAuthorities: [hostPort], clientSecret: 'test-secret' },
      system: { networkClient: new MsalNetworkModule(net) },
    });
    const result = await msal.acquireTokenByClientCredential({ scopes: [`${origin}/.default`] });
    expect(result?.accessToken).toBe('proxied-access-token');
    expect(proxy.tunnelsTo(hostPort)).toBeGreaterThanOrEqual(1);
  });

  it('an @azure/arm-* client sends its requests through the proxy', async () => {
    const net = await viaProxy();
    const credential = { getToken: async () => ({ token: 'arm-test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const client = new SubscriptionClient(credential, { endpoint: origin, credentialScopes: [`${origin}/.default`], ...azureClientOptions(net) });
    const names: string[] = [];
    for await (const sub of client.subscriptions.list()) names.push(sub.displayName ?? '');
    expect(names).toEqual(['Spoke']);
    expect(proxy.tunnelsTo(hostPort)).toBeGreaterThanOrEqual(1);
  });

  it('a ws WebSocket (the Bastion WSS leg) connects through the proxy', async () => {
    const net = await viaProxy();
    const url = `wss://${hostPort}/webtunnelv2/token?X-Node-Id=n1`;
    const socket = new WebSocket(url, { ...(await net.wsOptions(url)), perMessageDeflate: false });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.on('open', () => socket.send('ping'));
      socket.on('message', (d) => resolve(String(d)));
      socket.on('error', reject);
    });
    socket.close();
    expect(reply).toBe('echo:ping');
    expect(proxy.tunnelsTo(hostPort)).toBe(1);
  });

  it('sends proxy credentials from the proxy URL and fails clearly when the proxy refuses', async () => {
    const net = await viaProxy({ credentials: { user: 'op', pass: 'pw' } });
    expect((await net.fetch(`${origin}/hello`)).status).toBe(200);
    expect(proxy.tunnels[0]?.proxyAuthorization).toBe(`Basic ${Buffer.from('op:pw').toString('base64')}`);
    const wrong = NetStack.create({ proxyUrl: proxy.url, extraCaPem: tls.caPem });
    stacks.push(wrong);
    await expect(wrong.fetch(`${origin}/hello`)).rejects.toThrow(/proxy refused the tunnel to 127\.0\.0\.1:\d+ \(HTTP 407/);
    expect(proxy.tunnels.at(-1)?.status).toBe(407);
  });

  it('goes direct for NO_PROXY targets and uses no tunnel', async () => {
    proxy = await startConnectProxy();
    const net = NetStack.create({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.0/8' }, extraCaPem: tls.caPem });
    stacks.push(net);
    expect(await (await net.fetch(`${origin}/hello`)).text()).toBe('hello over tls');
    expect(proxy.tunnels).toHaveLength(0);
  });

  it('uses the system proxy port when no explicit proxy is set', async () => {
    proxy = await startConnectProxy();
    const net = NetStack.create({ systemProxy: async () => `PROXY 127.0.0.1:${proxy.port}; DIRECT`, extraCaPem: tls.caPem });
    stacks.push(net);
    expect((await net.fetch(`${origin}/hello`)).status).toBe(200);
    expect(proxy.tunnelsTo(hostPort)).toBe(1);
  });

  it('refuses the server without the extra CA, through the proxy too', async () => {
    proxy = await startConnectProxy();
    const net = NetStack.create({ env: { HTTPS_PROXY: proxy.url } });
    stacks.push(net);
    await expect(net.fetch(`${origin}/hello`)).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    expect(proxy.tunnelsTo(hostPort)).toBe(1);
  });
});
