import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetStack, ProxyAuthError } from '../../../../../../src-main/services/net';
import { startConnectProxy, type ConnectProxy } from '../../../../../support/connect-proxy';
import { makeStandInTls, type StandInTls } from '../../../../../standins/entra/standin-tls';

let tls: StandInTls;
let servers: https.Server[] = [];
let proxy: ConnectProxy | undefined;
const stacks: NetStack[] = [];

async function target(): Promise<string> {
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (_req, res) => res.end('ok'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(() => {
  tls = makeStandInTls();
});
afterEach(async () => {
  for (const s of stacks.splice(0)) s.dispose();
  await proxy?.close();
  proxy = undefined;
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

describe('the CONNECT tunnel answering a 407', () => {
  it('asks the credential store only after the proxy asks, then authenticates later tunnels on the first CONNECT', async () => {
    proxy = await startConnectProxy({ credentials: { user: 'op', pass: 'pw' } });
    let asked = 0;
    const net = NetStack.create({ proxyUrl: proxy.url, extraCaPem: tls.caPem, proxyCredentials: { get: async () => (asked++, { username: 'op', password: 'pw' }) } });
    stacks.push(net);
    expect(await (await net.fetch(`${await target()}/`)).text()).toBe('ok');
    expect(await (await net.fetch(`${await target()}/`)).text()).toBe('ok');
    expect(proxy.tunnels.map((t) => t.status)).toEqual([407, 200, 200]);
    expect(asked).toBe(2);
  });

  it('sends nothing to a proxy that asks for a scheme the console cannot answer', async () => {
    proxy = await startConnectProxy({ credentials: { user: 'op', pass: 'pw' } });
    const net = NetStack.create({ proxyUrl: proxy.url, extraCaPem: tls.caPem, proxyAuth: { schemes: ['negotiate', 'ntlm'] }, proxyCredentials: { get: async () => ({ username: 'op', password: 'pw' }) } });
    stacks.push(net);
    const error = await net.fetch(`${await target()}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyAuthError);
    expect(error).toMatchObject({ reason: 'scheme-not-allowed', offered: ['basic'], status: 407 });
    expect(proxy.tunnels.map((t) => t.proxyAuthorization)).toEqual([undefined]);
  });
});
