/**
 * The tunnel client under measurement, in its own process so that its CPU time (process.cpuUsage) is the
 * client's alone: the bench drives transfers from outside through the client's 127.0.0.1 listener, or asks
 * this process to run one through a connection's Duplex (the ssh2 path). Commands arrive over IPC:
 *   { op: 'listen', kind: 'ours' | 'official', frame? } -> { port }   (closes the previous listener of that
 *     kind, so one of each can be measured alternately; `frame` sets our maxFrameBytes, absent = the default)
 *   { op: 'duplex', direction, bytes, frame } -> { ms, cpuUs }
 *   { op: 'cpu' } -> { cpuUs }
 */
import { BastionConfig } from '../../src-main/services/bastion/bastion-config';
import { bastionNetFromEnv } from '../../src-main/services/bastion/bastion-net';
import { BastionTunnelClient } from '../../src-main/services/bastion/tunnel-client';
import { FixedTokenCredential, IDS, staticHostReader, STANDIN_ARM_TOKEN } from '../../test/standins/bastion/harness';
import { MemoryLogger } from '../../test/support/memory-logger';
import { type Direction, transfer } from './bastion-transfer';
import { startOfficialDesignTunnel } from './official-design-tunnel';

/** Where the stand-in is (from its own process's ready line). */
export interface StandInInfo {
  sourcePort: number;
  hostname: string;
  connectOverrides: Record<string, string>;
  caPem: string;
}

/** A command from the bench. */
export type ClientCommand =
  | { op: 'listen'; kind: 'ours' | 'official'; frame?: number }
  | { op: 'duplex'; direction: Direction; bytes: number; frame?: number }
  | { op: 'cpu' };

if (process.env.AKSC_BENCH_CHILD !== '1' || !process.send) {
  process.stderr.write('bastion-client-child: a helper process of bench/bastion-throughput.ts, not a benchmark\n');
  process.exit(2);
}

const info = JSON.parse(process.env.AKSC_BENCH_STANDIN ?? '{}') as StandInInfo;
const request = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };
const net = bastionNetFromEnv({ env: {}, extraCaPem: info.caPem });
/** The open listener of each kind, closed when the bench asks for another of that kind. */
const closeCurrent: Record<'ours' | 'official', () => Promise<void>> = { ours: async () => undefined, official: async () => undefined };

function cpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

function clientFor(frame: number | undefined): BastionTunnelClient {
  const config = BastionConfig.parse({ connectOverrides: info.connectOverrides, ...(frame ? { maxFrameBytes: frame } : {}) });
  const hosts = staticHostReader({ id: IDS.bastion, name: 'bas-bench', sku: 'Standard', dnsName: info.hostname, enableTunneling: true, enableIpConnect: true });
  return new BastionTunnelClient({ hosts, credential: new FixedTokenCredential(STANDIN_ARM_TOKEN), net, config, log: new MemoryLogger() });
}

async function handle(command: ClientCommand): Promise<unknown> {
  switch (command.op) {
    case 'cpu':
      return { cpuUs: cpuUs() };
    case 'listen': {
      await closeCurrent[command.kind]();
      if (command.kind === 'official') {
        const config = BastionConfig.parse({ connectOverrides: info.connectOverrides });
        const tunnel = await startOfficialDesignTunnel({ dnsName: info.hostname, form: { resourceId: IDS.jumpBox, workloadHostPort: 22, aztoken: STANDIN_ARM_TOKEN }, net, config });
        closeCurrent.official = () => tunnel.close();
        return { port: tunnel.port };
      }
      const client = clientFor(command.frame);
      const listener = await client.listen(request);
      closeCurrent.ours = async () => { await listener.close(); await client.dispose(); };
      return { port: listener.port };
    }
    case 'duplex': {
      const client = clientFor(command.frame);
      try {
        const connection = await client.open(request);
        const before = cpuUs();
        const ms = await transfer(connection.stream, command.direction, command.bytes);
        const used = cpuUs() - before;
        await connection.close();
        return { ms, cpuUs: used };
      } finally {
        await client.dispose();
      }
    }
  }
}

process.on('message', (command: ClientCommand) => {
  handle(command).then(
    (result) => process.send!({ ok: true, result }),
    (error: unknown) => process.send!({ ok: false, error: (error as Error).message }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send({ ok: true, result: { ready: true } });
