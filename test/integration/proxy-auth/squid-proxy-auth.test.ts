import https from 'node:https';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MsalNetworkModule, NetStack, ProxyAuthError, type ProxyAuthPolicy, type ProxyCredential } from '../../../src-main/services/net';
import { ReadinessService } from '../../../src-main/services/readiness';
import { startAuthProxyLab, type AuthProxyLab } from '../../support/auth-proxy-lab';
import { makeStandInTls, type StandInTls } from '../../standins/entra/standin-tls';
import { MemoryLogger } from '../../support/memory-logger';
import { MemorySecretStore } from '../../support/memory-secret-store';

// Real squid (negotiate_kerberos_auth, ntlm_fake_auth, basic_ncsa_auth) and a real MIT KDC.
let lab: AuthProxyLab;
let tls: StandInTls;
let server: https.Server;
let wss: WebSocketServer;
let origin: string;
const stacks: NetStack[] = [];
const savedEnv = { KRB5_CONFIG: process.env.KRB5_CONFIG, KRB5CCNAME: process.env.KRB5CCNAME };

beforeAll(async () => {
  lab = await startAuthProxyLab();
  // The kerberos package runs in this process: point its GSSAPI at the lab's realm and ticket cache.
  process.env.KRB5_CONFIG = lab.clientEnv.KRB5_CONFIG;
  process.env.KRB5CCNAME = lab.clientEnv.KRB5CCNAME;
  tls = makeStandInTls();
  server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    if (req.url === '/hello') return void res.end('hello through the corporate proxy');
    if (req.url?.endsWith('/.well-known/openid-configuration')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"lab"}');
    res.writeHead(404).end();
  });
  wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${String(data)}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  wss?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  lab?.close();
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterEach(() => {
  for (const s of stacks.splice(0)) s.dispose();
  lab.kdestroy();
});

function stack(proxyUrl: string, proxyAuth: Partial<ProxyAuthPolicy> = {}, credential?: ProxyCredential): NetStack {
  const net = NetStack.create({ proxyUrl, extraCaPem: tls.caPem, proxyAuth, proxyCredentials: { get: async () => credential ?? null } });
  stacks.push(net);
  return net;
}

async function failure(promise: Promise<unknown>): Promise<ProxyAuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProxyAuthError);
  return error as ProxyAuthError;
}

async function wsEcho(net: NetStack): Promise<string> {
  const url = origin.replace('https:', 'wss:');
  const socket = new WebSocket(url, { ...(await net.wsOptions(url)), perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    socket.once('open', () => socket.send('ping'));
    socket.once('message', (data) => {
      resolve(String(data));
      socket.close();
    });
    socket.once('error', reject);
  });
}

describe('Negotiate (Kerberos) through squid against an MIT KDC', () => {
  it('answers with the operator ticket: HTTPS, MSAL and a WebSocket tunnel all pass as the operator', async () => {
    const proxy = await lab.startSquid(['negotiate', 'ntlm', 'basic']);
    lab.kinit();
    const net = stack(proxy);
    expect(await (await net.fetch(`${origin}/hello`)).text()).toBe('hello through the corporate proxy');
    const msal = await new MsalNetworkModule(net).sendGetRequestAsync<{ issuer: string }>(`${origin}/t/.well-known/openid-configuration`);
    expect(msal.body.issuer).toBe('lab');
    expect(await wsEcho(net)).toBe('echo:ping');
    expect(net.proxyAuth.known(new URL(proxy))).toBe('negotiate');
    net.dispose();
    await lab.waitForUser(proxy, lab.operator.principal);
    const users = lab.accessLog(proxy).filter((u) => u !== '-');
    expect(users.length).toBeGreaterThanOrEqual(1);
    expect(new Set(users)).toEqual(new Set([lab.operator.principal]));
  });

  it('without a ticket ends in no-ticket and sends no other credential', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    const error = await failure(stack(proxy).fetch(`${origin}/hello`));
    expect(error.reason).toBe('no-ticket');
    expect(error.offered).toEqual(['negotiate']);
    expect(error.message).toMatch(/HTTP 407/);
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });

  it('a service principal the KDC does not know ends in kerberos-failed', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.kinit();
    const error = await failure(stack(proxy, { servicePrincipal: 'HTTP@no-such-proxy.{host}' }).fetch(`${origin}/hello`));
    expect(error.reason).toBe('kerberos-failed');
    expect(error.message).toMatch(/no-such-proxy\.localhost/);
  });

  it('a ticket the proxy cannot read (its keytab is older than the KDC key) ends in rejected', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.rotateProxyKeyInKdc();
    lab.kinit();
    const error = await failure(stack(proxy).fetch(`${origin}/hello`)).finally(() => lab.resyncProxyKeytab());
    expect(error.reason).toBe('rejected');
    expect(error.scheme).toBe('negotiate');
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });

  it('a proxy policy does not trust with credentials gets none, however the ticket stands', async () => {
    const proxy = await lab.startSquid(['negotiate', 'basic']);
    lab.kinit();
    const net = stack(proxy, { credentialHosts: ['proxy.corp.example'] }, lab.basicUser);
    const error = await failure(net.fetch(`${origin}/hello`));
    expect(error.reason).toBe('host-not-allowed');
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });
});

describe('NTLM through squid (ntlm_fake_auth: a real NTLM handshake)', () => {
  it('completes the three-message handshake on one connection with the stored credential', async () => {
    const proxy = await lab.startSquid(['ntlm']);
    const net = stack(proxy, {}, { username: 'CORP\\op-ntlm', password: 'whatever' });
    expect(await (await net.fetch(`${origin}/hello`)).text()).toBe('hello through the corporate proxy');
    expect(await wsEcho(net)).toBe('echo:ping');
    net.dispose();
    expect((await lab.waitForUser(proxy, 'CORP\\op-ntlm')).map((u) => u.toLowerCase())).toContain('corp\\op-ntlm');
  });

  it('without a stored credential ends in no-credentials', async () => {
    const proxy = await lab.startSquid(['ntlm']);
    expect((await failure(stack(proxy).fetch(`${origin}/hello`))).reason).toBe('no-credentials');
  });
});

describe('Basic through squid (basic_ncsa_auth)', () => {
  it('passes with the stored credential', async () => {
    const proxy = await lab.startSquid(['basic']);
    const net = stack(proxy, {}, lab.basicUser);
    expect((await net.fetch(`${origin}/hello`)).status).toBe(200);
    net.dispose();
    expect(await lab.waitForUser(proxy, lab.basicUser.username)).toContain(lab.basicUser.username);
  });

  it('a wrong password ends in rejected', async () => {
    const proxy = await lab.startSquid(['basic']);
    const error = await failure(stack(proxy, {}, { ...lab.basicUser, password: 'wrong' }).fetch(`${origin}/hello`));
    expect(error.reason).toBe('rejected');
    expect(error.scheme).toBe('basic');
  });

  it('policy forbidding Basic sends no password to a Basic-only proxy', async () => {
    const proxy = await lab.startSquid(['basic']);
    const error = await failure(stack(proxy, { allowBasic: false }, lab.basicUser).fetch(`${origin}/hello`));
    expect(error.reason).toBe('basic-forbidden');
    expect(lab.accessLog(proxy).every((u) => u === '-')).toBe(true);
  });

  it('a scheme policy leaves out is not used even when the proxy offers it', async () => {
    const proxy = await lab.startSquid(['ntlm']);
    const error = await failure(stack(proxy, { schemes: ['negotiate', 'basic'] }, lab.basicUser).fetch(`${origin}/hello`));
    expect(error.reason).toBe('scheme-not-allowed');
  });
});

describe('the workstation check through an authenticating squid', () => {
  async function check(net: NetStack) {
    const report = await new ReadinessService({
      endpoints: () => [{ id: 'entra', url: `${origin}/t/.well-known/openid-configuration`, expect: [200] }],
      net,
      keychain: new MemorySecretStore(),
      log: new MemoryLogger(),
    }).run();
    return report.results.find((r) => r.id === 'entra')!;
  }

  it('names the scheme the proxy asked for and why the console could not answer it', async () => {
    const negotiateOnly = await lab.startSquid(['negotiate']);
    expect(await check(stack(negotiateOnly))).toMatchObject({ status: 'fail', code: 'proxy-auth-required', proxyAuth: { offered: ['negotiate'], reason: 'no-ticket', scheme: 'negotiate' } });
    const basicOnly = await lab.startSquid(['basic']);
    expect(await check(stack(basicOnly, { allowBasic: false }, lab.basicUser))).toMatchObject({ code: 'proxy-auth-required', proxyAuth: { offered: ['basic'], reason: 'basic-forbidden', scheme: null } });
  });

  it('passes once the operator has a ticket', async () => {
    const proxy = await lab.startSquid(['negotiate']);
    lab.kinit();
    expect(await check(stack(proxy))).toMatchObject({ status: 'pass', code: 'reachable', via: expect.stringContaining('localhost') });
  });
});
