/**
 * Wiring for tests, benches and demo mode: a tunnel client pointed at a running stand-in, plus the
 * routers that decide where the stand-in's sessions go (an echo server, or the topology's hub).
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import net from 'node:net';
import { BastionConfig } from '../../../src-main/services/bastion/bastion-config';
import { bastionNetFromEnv } from '../../../src-main/services/bastion/bastion-net';
import type { BastionHost, BastionHostReader } from '../../../src-main/services/bastion/bastion-types';
import { BastionTunnelClient } from '../../../src-main/services/bastion/tunnel-client';
import type { Logger } from '../../../src-main/services/log/logger';
import type { BastionStandIn, UpstreamRouter } from './bastion-standin';
import { MemoryLogger } from '../../support/memory-logger';

/** Ids used by the stand-in scenarios (shapes of real ARM ids). */
export const IDS = {
  bastion: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub',
  jumpBox: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump',
  cluster: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-private',
} as const;

/** The `aztoken` the stand-in accepts by default in these helpers. */
export const STANDIN_ARM_TOKEN = 'standin-arm-token-for-bastion';

/** A credential that hands out a fixed token (the identity layer's place in these tests); counts calls. */
export class FixedTokenCredential implements TokenCredential {
  calls = 0;
  /** Creates it with the token to hand out. */
  constructor(private readonly token = STANDIN_ARM_TOKEN) {}
  async getToken(): Promise<AccessToken> {
    this.calls += 1;
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}

/** A Bastion host record as ARM would report it, pointing at the stand-in. */
export function standInHost(standIn: BastionStandIn, overrides: Partial<BastionHost> = {}): BastionHost {
  return { id: IDS.bastion, name: 'bas-hub', sku: 'Standard', dnsName: standIn.hostname, enableTunneling: true, enableIpConnect: true, ...overrides };
}

/** A host reader answering with one record (the Azure layer's place in these tests). */
export function staticHostReader(host: BastionHost): BastionHostReader & { host: BastionHost } {
  const reader = {
    host,
    async getBastionHost() {
      return reader.host;
    },
  };
  return reader;
}

/** Routes every session to a TCP port on loopback (an echo server, a sink, a test sshd). */
export function loopbackRouter(port: number, host = '127.0.0.1'): UpstreamRouter {
  return () => () =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, noDelay: true });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
}

/** A loopback echo server for tunnel tests. */
export async function startEchoServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Options of `clientForStandIn`. */
export interface ClientForStandInOptions {
  readonly host?: Partial<BastionHost>;
  readonly config?: Partial<BastionConfig>;
  readonly credential?: TokenCredential;
  readonly log?: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

/** A real tunnel client configured to reach the stand-in (connect overrides + its CA as extra trust). */
export function clientForStandIn(standIn: BastionStandIn, options: ClientForStandInOptions = {}) {
  const config = BastionConfig.parse({ ...options.config, connectOverrides: { ...standIn.connectOverrides, ...options.config?.connectOverrides } });
  const net = bastionNetFromEnv({ env: options.env ?? {}, extraCaPem: standIn.caPem });
  const hosts = staticHostReader(standInHost(standIn, options.host));
  const credential = options.credential ?? new FixedTokenCredential();
  const log = options.log ?? new MemoryLogger();
  const client = new BastionTunnelClient({ hosts, credential, net, config, log });
  return {
    client,
    hosts,
    credential,
    log,
    config,
    async dispose() {
      await client.dispose();
      net.destroy();
    },
  };
}
