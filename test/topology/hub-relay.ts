/**
 * Gives the Bastion stand-in (running in the test process, PAW side) a network presence in the hub,
 * the way a real Bastion sits in the hub VNet: the stand-in connects to this Unix socket, writes
 * `CONNECT host port\n`, and the relay dials that TCP target *from inside the hub namespace*, from
 * `--source` (an address in the hub's modelled AzureBastionSubnet, as a real Bastion's instances are).
 * Started by up.sh inside the hub namespace.
 */
import net from 'node:net';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { socket: { type: 'string' }, source: { type: 'string' } } });
const socketPath = values.socket!;
const localAddress = (host: string) => (values.source && !/^(127\.|localhost$|::1$)/.test(host) ? { localAddress: values.source } : {});
rmSync(socketPath, { force: true });

const server = net.createServer((client) => {
  let header = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    header = Buffer.concat([header, chunk]);
    const end = header.indexOf(10);
    if (end < 0) {
      if (header.length > 512) client.destroy();
      return;
    }
    client.off('data', onData);
    client.pause();
    const match = /^CONNECT ([0-9A-Za-z.:-]+) (\d{1,5})$/.exec(header.subarray(0, end).toString('utf8').trim());
    const rest = header.subarray(end + 1);
    if (!match) {
      client.end('ERR bad-request\n');
      return;
    }
    const upstream = net.connect({ host: match[1], port: Number(match[2]), noDelay: true, ...localAddress(match[1]!) });
    let connected = false;
    upstream.setTimeout(10_000, () => upstream.destroy(Object.assign(new Error('connect timeout'), { code: 'ETIMEDOUT' })));
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(0);
      client.write('OK\n');
      if (rest.length) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected && client.writable) client.end(`ERR ${error.code ?? 'ECONNREFUSED'}\n`);
      else client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };
  client.on('data', onData);
  client.on('error', () => undefined);
});
server.listen(socketPath, () => process.stdout.write(`hub-relay listening on ${socketPath}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
