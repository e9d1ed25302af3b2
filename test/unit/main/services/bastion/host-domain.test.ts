import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBastionStandIn, type BastionStandIn } from '../../../../standins/bastion/bastion-standin';
import { clientForStandIn, FixedTokenCredential, IDS, loopbackRouter, startEchoServer } from '../../../../standins/bastion/harness';

let echo: Awaited<ReturnType<typeof startEchoServer>>;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  echo = await startEchoServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => echo.close());

/** A stand-in answering under `hostnames` (its certificate is valid for them, so only the domain check can stop the client). */
async function standInFor(options: Parameters<typeof startBastionStandIn>[0]): Promise<BastionStandIn> {
  const standIn = await startBastionStandIn(options);
  cleanups.push(() => standIn.close());
  return standIn;
}

function wire(standIn: BastionStandIn, options: Parameters<typeof clientForStandIn>[1] = {}) {
  const credential = new FixedTokenCredential();
  const wired = clientForStandIn(standIn, { credential, ...options });
  cleanups.push(() => wired.dispose());
  return { ...wired, credential };
}

const vmTarget = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

describe('Bastion endpoints must lie in the cloud\'s Bastion domain before any token is sent', () => {
  for (const dnsName of ['bst-1.bastion.attacker.example', 'bastion.azure.com.attacker.example', 'evilbastion.azure.com']) {
    it(`a dnsName from ARM of ${dnsName} is refused without asking for a token or calling it`, async () => {
      const hostile = await standInFor({ hostnames: [dnsName], route: loopbackRouter(echo.port) });
      const { client, credential } = wire(hostile);
      await expect(client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.foreign_host' });
      expect(credential.calls).toBe(0);
      expect(hostile.sessions()).toEqual([]);
    });
  }

  it('a Developer data pod outside the domain gets no /api/tokens call (the token stays home)', async () => {
    const developer = await standInFor({ hostnames: ['omnibrain.uswest.bastionglobal.azure.com'], dataPodHost: 'pod-7.attacker.example', route: loopbackRouter(echo.port) });
    const { client } = wire(developer, { host: { sku: 'Developer', enableTunneling: false } });
    await expect(client.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.foreign_host' });
    expect(developer.sessions()).toEqual([]);
  });

  it('a cloud (or the stand-ins) configured with another Bastion domain works under it', async () => {
    const sovereign = await standInFor({ hostnames: ['bst-1.bastion.azure.cn'], route: loopbackRouter(echo.port) });
    const { client } = wire(sovereign, { config: { hostDomains: ['bastion.azure.cn'] } });
    const connection = await client.open(vmTarget);
    expect(connection.state).toBe('open');
    await connection.close();
    const { client: publicCloud } = wire(sovereign);
    await expect(publicCloud.open(vmTarget)).rejects.toMatchObject({ code: 'bastion.foreign_host' });
  });
});
