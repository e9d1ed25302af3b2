/** A loopback TCP relay that can be frozen (stops forwarding without closing), like a silently dead path. */
import { startLoopbackRelay, type LoopbackRelay } from './loopback-relay';

/** A running relay. */
export interface StallRelay extends LoopbackRelay {
  /** Stops forwarding in both directions; sockets stay open. */
  freeze(): void;
}

/** Starts a relay from 127.0.0.1:<port> to host:port. */
export async function startStallRelay(host: string, port: number): Promise<StallRelay> {
  let frozen = false;
  const relay = await startLoopbackRelay(host, port, (inbound, outbound) => {
    inbound.on('data', (d) => frozen || outbound.write(d));
    outbound.on('data', (d) => frozen || inbound.write(d));
    outbound.on('close', () => inbound.destroy());
  });
  return {
    ...relay,
    freeze() {
      frozen = true;
    },
  };
}
