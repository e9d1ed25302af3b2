/** A loopback TCP relay to host:port whose forwarding each test relay decides (see stall-relay.ts, gathering-relay.ts). */
import { connect, createServer, type Socket } from 'node:net';

/** A running relay. */
export interface LoopbackRelay {
  readonly port: number;
  close(): Promise<void>;
}

/** Wires one accepted connection (`inbound`) to its connection to the target (`outbound`). */
export type RelayWiring = (inbound: Socket, outbound: Socket) => void;

/** Starts a relay from 127.0.0.1:<port> to host:port; each side closing closes the other. */
export async function startLoopbackRelay(host: string, port: number, wire: RelayWiring): Promise<LoopbackRelay> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect({ host, port });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    wire(inbound, outbound);
    inbound.on('close', () => outbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
