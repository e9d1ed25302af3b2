import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ArmTenantDirectory } from '../../../../../src-main/services/auth/tenant-directory';
import { AzureConfig } from '../../../../../src-main/services/azure/azure-config';
import { armHttpClient } from '../../../../../src-main/services/azure/arm-transport';
import { createAzureLayer, type AzureLayer } from '../../../../../src-main/services/azure/azure-layer';
import { azureClientOptions, createAzureHttpClient, NetStack } from '../../../../../src-main/services/net';
import { makeStandInTls, type StandInTls } from '../../../../standins/entra/standin-tls';
import { MemoryLogger } from '../../../../support/memory-logger';

const ARM_TOKEN = 'arm-audience-token-must-stay-on-arm';
const SUB = '00000000-0000-0000-0000-0000000000aa';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1`;

/** Hands out one recognisable ARM-audience token. */
const credential: TokenCredential = {
  async getToken(_scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    return { token: ARM_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
}

async function listen(tls: StandInTls, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, origin, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

let tls: StandInTls;
let foreign: Awaited<ReturnType<typeof listen>>;
let arm: Awaited<ReturnType<typeof listen>>;
let net: NetStack;

beforeAll(async () => {
  tls = makeStandInTls();
  foreign = await listen(tls, (_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"value":[]}'));
  // A hostile (or compromised) Resource Manager: every list pages to the foreign origin, every
  // long-running operation polls there, and Resource Graph redirects there.
  arm = await listen(tls, (req, res) => {
    const url = new URL(req.url ?? '/', arm.origin);
    const away = `${foreign.origin}${url.pathname}?${url.searchParams.toString()}&page=2`;
    if (req.method === 'POST' && /resourcegraph/i.test(url.pathname)) return void res.writeHead(307, { location: away }).end();
    if (req.method === 'POST') return void res.writeHead(202, { location: away, 'retry-after': '0' }).end();
    const item = { id: CLUSTER, name: 'aks-1', location: 'westeurope', tenantId: 't-1', subscriptionId: SUB, displayName: 'Sub', state: 'Enabled', properties: {} };
    if (/managedClusters\/aks-1$/i.test(url.pathname)) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(item));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ value: [item], nextLink: away }));
  });
  net = NetStack.create({ mode: 'direct', extraCaPem: tls.caPem });
});
afterAll(async () => {
  net.dispose();
  await arm.close();
  await foreign.close();
});
beforeEach(() => {
  foreign.seen.length = 0;
  arm.seen.length = 0;
});

function layer(): AzureLayer {
  const azure = createAzureLayer({
    credential,
    endpoint: arm.origin,
    scope: 'https://management.azure.com/.default',
    config: AzureConfig.parse({ pollIntervalMs: 10, retry: { maxRetries: 0, retryDelayInMs: 10, maxRetryDelayInMs: 10 } }),
    // What core.ts hands the layer: the net stack's client, pinned to ARM.
    httpClient: armHttpClient(net, arm.origin),
    fetchText: async () => '203.0.113.10',
    log: new MemoryLogger(),
  });
  azure.setTenant('t-1');
  return azure;
}

/** Runs a call that may fail; what matters is where the token went. */
async function settle(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('no ARM-audience token reaches a non-ARM origin, from any code path', () => {
  it('the tenant directory, built the way the identity layer gets its client options, refuses a foreign nextLink', async () => {
    // The identity layer receives the net stack's plain options (no pin of its own); the directory must pin itself.
    const directory = new ArmTenantDirectory(arm.origin, 'https://management.azure.com/.default', azureClientOptions(net));
    expect(await settle(() => directory.listTenants(credential))).toMatchObject({ code: 'azure.foreign_origin' });
    expect(await settle(() => directory.listSubscriptions(credential))).toMatchObject({ code: 'azure.foreign_origin' });
    expect(arm.seen.filter((s) => s.authorization === `Bearer ${ARM_TOKEN}`)).toHaveLength(2);
    expect(foreign.seen).toEqual([]);
  });

  it('the tenant directory over the pinned ARM client core.ts shares refuses it too', async () => {
    const directory = new ArmTenantDirectory(arm.origin, 'https://management.azure.com/.default', { httpClient: armHttpClient(net, arm.origin) });
    expect(await settle(() => directory.listTenants(credential))).toMatchObject({ code: 'azure.foreign_origin' });
    expect(foreign.seen).toEqual([]);
  });

  it('ArmService lists, discovery, Resource Graph and long-running operations never follow ARM elsewhere', async () => {
    const azure = layer();
    const a = azure.arm;
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['tenants', () => a.listTenants()],
      ['subscriptions', () => a.listSubscriptions()],
      ['clusters', () => a.listClusters(SUB)],
      ['vnets', () => a.listVnets(SUB)],
      ['bastions', () => a.listBastions(SUB)],
      ['vms', () => a.listVms(SUB)],
      ['jit', () => a.listJitPolicies(SUB)],
      ['graph', () => a.graph.queryAll('Resources | limit 1')],
      ['command invoke (LRO poll)', () => a.runCommand(CLUSTER, 'kubectl get nodes')],
      ['discovery (inventory)', () => azure.azure.inventory('t-1', true)],
      ['topology', () => azure.azure.topology(CLUSTER)],
      ['paths', () => azure.azure.paths(CLUSTER)],
    ];
    for (const [name, call] of calls) {
      await settle(call);
      expect({ name, foreign: foreign.seen }).toEqual({ name, foreign: [] });
    }
    // Proof the calls ran: ARM itself saw the token on each first page.
    expect(arm.seen.filter((s) => s.authorization === `Bearer ${ARM_TOKEN}`).length).toBeGreaterThanOrEqual(8);
  });

  it('an unpinned net-stack client would have sent the token (the test can fail)', async () => {
    const { SubscriptionClient } = await import('@azure/arm-resources-subscriptions');
    const unpinned = new SubscriptionClient(credential, { httpClient: createAzureHttpClient(net), endpoint: arm.origin, credentialScopes: ['https://management.azure.com/.default'] });
    for await (const _t of unpinned.tenants.list()) {
      if (foreign.seen.length) break;
    }
    expect(foreign.seen[0]?.authorization).toBe(`Bearer ${ARM_TOKEN}`);
  });
});
