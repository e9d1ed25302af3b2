/** A loopback TCP relay that can be frozen (stops forwarding without closing), like a silently dead path. */
import { connect, createServer, type Socket } from 'node:net';

/** A running relay. */
export interface StallRelay {
  readonly port: number;
  /** Stops forwarding in both directions; sockets stay open. */
  freeze(): void;
  close(): Promise<void>;
}

/** Starts a relay from 127.0.0.1:<port> to host:port. */
export async function startStallRelay(host: string, port: number): Promise<StallRelay> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect({ host, port });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    inbound.on('data', (d) => frozen || outbound.write(d));
    outbound.on('data', (d) => frozen || inbound.write(d));
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    freeze() {
      frozen = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
