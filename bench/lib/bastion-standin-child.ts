/**
 * Runs the Bastion stand-in in its own process for the throughput bench (so the relay does not share
 * an event loop with the client being measured), routed to a local source/sink: every upstream
 * connection first reads `D` or `U` and an 8-byte big-endian count: `D` makes it send that many bytes
 * then close, `U` makes it swallow that many bytes and answer with the 8-byte count received.
 * Prints one JSON line (port, host name, CA, source port) on stdout when ready; then each stdin line
 * `{"messageSizes":[…]}` sets the sizes the stand-in cuts its messages to (empty: as read), answered by `ok`.
 */
import net from 'node:net';
import { createInterface } from 'node:readline';
import { startBastionStandIn } from '../../test/standins/bastion/bastion-standin';
import { loopbackRouter } from '../../test/standins/bastion/harness';

const CHUNK = Buffer.alloc(256 * 1024);

if (process.env.AKSC_BENCH_CHILD !== '1') {
  process.stderr.write('bastion-standin-child: a helper process of bench/bastion-throughput.ts, not a benchmark\n');
  process.exit(2);
}

const source = net.createServer({ noDelay: true }, (socket) => {
  socket.on('error', () => undefined);
  let header = Buffer.alloc(0);
  let expected = 0;
  let received = 0;
  const onData = (chunk: Buffer) => {
    if (header.length < 9) {
      header = Buffer.concat([header, chunk]);
      if (header.length < 9) return;
      const count = Number(header.readBigUInt64BE(1));
      if (header[0] === 0x44 /* D */) {
        socket.off('data', onData);
        sendZeros(socket, count);
        return;
      }
      expected = count;
      chunk = header.subarray(9);
    }
    received += chunk.length;
    if (received >= expected) {
      socket.off('data', onData);
      const reply = Buffer.alloc(8);
      reply.writeBigUInt64BE(BigInt(received));
      socket.end(reply);
    }
  };
  socket.on('data', onData);
});

function sendZeros(socket: net.Socket, count: number): void {
  let left = count;
  const pump = () => {
    while (left > 0) {
      const slice = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= slice.length;
      if (!socket.write(slice)) {
        socket.once('drain', pump);
        return;
      }
    }
    socket.end();
  };
  pump();
}
await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
const sourcePort = (source.address() as net.AddressInfo).port;
const standIn = await startBastionStandIn({ route: loopbackRouter(sourcePort) });
process.stdout.write(`${JSON.stringify({ sourcePort, hostname: standIn.hostname, connectOverrides: standIn.connectOverrides, caPem: standIn.caPem })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const { messageSizes } = JSON.parse(line) as { messageSizes: number[] };
  standIn.faults.messageSizes = messageSizes;
  process.stdout.write('ok\n');
});
process.on('SIGTERM', () => {
  void standIn.close().then(() => process.exit(0));
});
