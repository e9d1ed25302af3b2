import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../../../../support/connect-proxy';
import { startBastionStandIn, type BastionStandIn } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, IDS, loopbackRouter, startEchoServer } from '../../../../standins/bastion/harness';
import { BastionConfig } from '../../../../../src-main/services/bastion/bastion-config';
import { bastionNetFromEnv } from '../../../../../src-main/services/bastion/bastion-net';
import { BastionTunnelClient } from '../../../../../src-main/services/bastion/tunnel-client';
import { FixedTokenCredential, staticHostReader, standInHost } from '../../../../standins/bastion/harness';
import { MemoryLogger } from '../../../../support/memory-logger';

let echo: Awaited<ReturnType<typeof startEchoServer>>;
let standIn: BastionStandIn;
let proxy: ConnectProxy;
let authProxy: ConnectProxy;
const request = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

beforeAll(async () => {
  echo = await startEchoServer();
  standIn = await startBastionStandIn({ route: loopbackRouter(echo.port) });
  proxy = await startConnectProxy();
  authProxy = await startConnectProxy({ credentials: { user: 'op', pass: 'secret' } });
});
afterAll(async () => {
  await standIn.close();
  await proxy.close();
  await authProxy.close();
  await echo.close();
});

async function echoOnce(stream: NodeJS.ReadWriteStream): Promise<string> {
  const reply = new Promise<string>((resolve) => stream.once('data', (c: Buffer) => resolve(c.toString())));
  stream.write('ping');
  return reply;
}

describe('Bastion legs through an HTTP CONNECT proxy', () => {
  it('sends both the HTTPS token request and the WSS tunnel through HTTPS_PROXY', async () => {
    const wired = clientForStandIn(standIn, { env: { HTTPS_PROXY: proxy.url } });
    const before = proxy.tunnelsTo(`127.0.0.1:${standIn.port}`);
    const connection = await wired.client.open(request);
    expect(await echoOnce(connection.stream)).toBe('ping');
    await connection.close();
    await wired.dispose();
    expect(proxy.tunnelsTo(`127.0.0.1:${standIn.port}`) - before).toBeGreaterThanOrEqual(2);
    expect(standIn.undeleted()).toEqual([]);
  });

  it('goes direct when NO_PROXY names the Bastion host', async () => {
    const wired = clientForStandIn(standIn, { env: { HTTPS_PROXY: proxy.url, NO_PROXY: `.bastion.azure.com` } });
    const before = proxy.tunnels.length;
    const connection = await wired.client.open(request);
    await connection.close();
    await wired.dispose();
    expect(proxy.tunnels.length).toBe(before);
  });

  it('fails plainly when the proxy refuses the tunnel', async () => {
    const wired = clientForStandIn(standIn, { env: { HTTPS_PROXY: authProxy.url } });
    const error = await wired.client.open(request).catch((e: unknown) => e);
    await wired.dispose();
    expect(error).toMatchObject({ code: 'bastion.proxy_failed', message: expect.stringContaining('407') });
    expect((error as Error).message).not.toMatch(/standin-arm-token/);
  });
});

describe('Bastion TLS trust', () => {
  it('refuses a Bastion certificate signed by an untrusted CA', async () => {
    const config = BastionConfig.parse({ connectOverrides: standIn.connectOverrides });
    const net = bastionNetFromEnv({ env: {} });
    const client = new BastionTunnelClient({ hosts: staticHostReader(standInHost(standIn)), credential: new FixedTokenCredential(), net, config, log: new MemoryLogger() });
    await expect(client.open(request)).rejects.toMatchObject({ code: 'bastion.tls_untrusted' });
    await client.dispose();
    net.destroy();
  });
});
