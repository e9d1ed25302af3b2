/**
 * A loopback TCP relay that hands the server's bytes to the client in gathered bursts: whatever the
 * server sends within `windowMs` leaves in one write, as a relay with its own framing (Bastion's
 * websocket hop) can deliver several SSH packets in one read. The client's bytes pass straight through.
 */
import { startLoopbackRelay, type LoopbackRelay } from './loopback-relay';

/** Starts a relay from 127.0.0.1:<port> to host:port. */
export function startGatheringRelay(host: string, port: number, windowMs = 40): Promise<LoopbackRelay> {
  return startLoopbackRelay(host, port, (inbound, outbound) => {
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
    outbound.on('close', () => {
      if (timer) clearTimeout(timer);
      inbound.end(Buffer.concat(gathered));
    });
  });
}
