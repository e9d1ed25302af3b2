/**
 * A loopback TCP relay that hands the server's bytes to the client in gathered bursts: whatever the
 * server sends within `windowMs` leaves in one write, as a relay with its own framing (Bastion's
 * websocket hop) can deliver several SSH packets in one read. The client's bytes pass straight through.
 */
import { connect, createServer, type Socket } from 'node:net';

/** A running relay. */
export interface GatheringRelay {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts a relay from 127.0.0.1:<port> to host:port. */
export async function startGatheringRelay(host: string, port: number, windowMs = 40): Promise<GatheringRelay> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect({ host, port });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    let gathered: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    inbound.on('data', (d) => outbound.write(d));
    outbound.on('data', (d) => {
      gathered.push(d);
      timer ??= setTimeout(() => {
        timer = undefined;
        inbound.write(Buffer.concat(gathered));
        gathered = [];
      }, windowMs);
    });
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => {
      if (timer) clearTimeout(timer);
      inbound.end(Buffer.concat(gathered));
    });
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
