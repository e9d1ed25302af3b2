/**
 * Bastion tunnel throughput, 200 MiB per transfer, all figures from one run:
 *   raw loopback TCP (baseline) vs our tunnel (Duplex and 127.0.0.1 listener) through the Bastion
 *   stand-in running in its own process, download and upload, 32 KiB vs 4 KiB frames (the CLI's size);
 *   and, when the topology can be built (root), OpenSSH `ssh` to the jump box directly vs through the tunnel.
 * Each figure is the median of several runs. Run alone: `npx tsx bench/bastion-throughput.ts`
 * (`--quick`: raw vs tunnel at 32 KiB frames only; `WS_NO_BUFFER_UTIL=1` measures ws without bufferutil).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BastionConfig } from '../src-main/services/bastion/bastion-config';
import { bastionNetFromEnv } from '../src-main/services/bastion/bastion-net';
import { BastionTunnelClient } from '../src-main/services/bastion/tunnel-client';
import { FixedTokenCredential, IDS, staticHostReader, STANDIN_ARM_TOKEN } from '../test/standins/bastion/harness';
import { MemoryLogger } from '../test/support/memory-logger';

const BYTES = 200 * 1024 * 1024;
const QUICK = process.argv.includes('--quick');
const RUNS = 3;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const request = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

interface ChildInfo {
  sourcePort: number;
  hostname: string;
  connectOverrides: Record<string, string>;
  caPem: string;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

async function startChild(): Promise<{ child: ChildProcess; info: ChildInfo }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'lib', 'bastion-standin-child.ts')], {
    cwd: path.join(HERE, '..'),
    env: { ...process.env, AKSC_BENCH_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, info: JSON.parse(line) as ChildInfo };
}

/** Asks the source for `bytes` (download) or sends `bytes` to the sink (upload); resolves with milliseconds. */
async function transfer(stream: Duplex, direction: 'down' | 'up', bytes: number): Promise<number> {
  const start = performance.now();
  const header = Buffer.alloc(9);
  header[0] = direction === 'down' ? 0x44 : 0x55;
  header.writeBigUInt64BE(BigInt(bytes), 1);
  stream.write(header);
  let received = 0;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => { received += chunk.length; });
    stream.on('end', resolve);
    stream.on('close', resolve);
    if (direction === 'up') stream.on('data', () => { if (received >= 8) resolve(); });
    stream.on('error', reject);
  });
  if (direction === 'up') {
    const chunk = Buffer.alloc(256 * 1024);
    for (let sent = 0; sent < bytes; sent += chunk.length) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  }
  await done;
  const elapsed = performance.now() - start;
  stream.destroy();
  if (direction === 'down' && received !== bytes) throw new Error(`received ${received} of ${bytes}`);
  if (direction === 'up' && received !== 8) throw new Error(`upload not acknowledged (${received} bytes back)`);
  return elapsed;
}

function tcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function clientFor(info: ChildInfo, maxFrameBytes: number) {
  const config = BastionConfig.parse({ connectOverrides: info.connectOverrides, maxFrameBytes });
  const netPort = bastionNetFromEnv({ env: {}, extraCaPem: info.caPem });
  const hosts = staticHostReader({ id: IDS.bastion, name: 'bas-bench', sku: 'Standard', dnsName: info.hostname, enableTunneling: true, enableIpConnect: true });
  const client = new BastionTunnelClient({ hosts, credential: new FixedTokenCredential(STANDIN_ARM_TOKEN), net: netPort, config, log: new MemoryLogger() });
  return { client, dispose: async () => { await client.dispose(); netPort.destroy(); } };
}

async function measure(label: string, runs: number, once_: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once_());
  const value = mbps(BYTES, median(samples));
  console.log(`${label.padEnd(58)} ${value.toFixed(0).padStart(6)} MB/s  (median of ${runs}, ${samples.map((s) => (s / 1000).toFixed(2)).join('/')} s)`);
  return value;
}

async function main(): Promise<void> {
  const { child, info } = await startChild();
  const results: Record<string, number> = {};
  try {
    console.log(`Bastion tunnel throughput, ${BYTES / 1024 / 1024} MiB per transfer; stand-in relay in its own process; ws masking ${process.env.WS_NO_BUFFER_UTIL ? 'in JavaScript' : 'by bufferutil (native)'}`);
    results.rawDown = await measure('raw loopback TCP, download (baseline)', RUNS, async () => transfer(await tcp(info.sourcePort), 'down', BYTES));
    results.rawUp = await measure('raw loopback TCP, upload (baseline)', RUNS, async () => transfer(await tcp(info.sourcePort), 'up', BYTES));
    for (const frame of QUICK ? [32 * 1024] : [32 * 1024, 4096]) {
      const { client, dispose } = clientFor(info, frame);
      const kib = `${frame / 1024} KiB frames`;
      results[`duplexDown${frame}`] = await measure(`tunnel Duplex, download, ${kib}`, RUNS, async () => {
        const connection = await client.open(request);
        const ms = await transfer(connection.stream, 'down', BYTES);
        await connection.close();
        return ms;
      });
      results[`duplexUp${frame}`] = await measure(`tunnel Duplex, upload, ${kib}`, RUNS, async () => {
        const connection = await client.open(request);
        const ms = await transfer(connection.stream, 'up', BYTES);
        await connection.close();
        return ms;
      });
      if (frame === 32 * 1024 && !QUICK) {
        const listener = await client.listen(request);
        results.listenerDown = await measure(`tunnel 127.0.0.1 listener, download, ${kib}`, RUNS, async () => transfer(await tcp(listener.port), 'down', BYTES));
        await listener.close();
      }
      await dispose();
    }
    console.log('');
    console.log(`ratio tunnel/raw download (32 KiB frames): ${(results.duplexDown32768! / results.rawDown!).toFixed(2)}`);
    console.log(`ratio tunnel/raw upload   (32 KiB frames): ${(results.duplexUp32768! / results.rawUp!).toFixed(2)}`);
    if (!QUICK) {
      console.log(`ratio 32 KiB / 4 KiB frames, upload:        ${(results.duplexUp32768! / results.duplexUp4096!).toFixed(2)}`);
      console.log(`ratio listener / Duplex, download:          ${(results.listenerDown! / results.duplexDown32768!).toFixed(2)}`);
    }
  } finally {
    child.kill('SIGTERM');
  }
  if (QUICK) return;
  await opensshComparison().catch((error: unknown) => console.log(`OpenSSH over the topology: skipped (${(error as Error).message})`));
}

/** OpenSSH `ssh … head -c` from the topology's jump box: direct (VPN path) vs through our tunnel. */
async function opensshComparison(): Promise<void> {
  const { startBastionWorld, downloadFromJumpBox } = await import('../test/integration/bastion/bastion-topology');
  const world = await startBastionWorld(8);
  try {
    const { client } = world.client();
    const listener = await client.listen(request);
    const viaTunnel = async () => {
      const start = performance.now();
      const result = await (await downloadFromJumpBox(world, listener.port, BYTES)).done;
      if (result.bytes !== BYTES) throw new Error(`ssh via tunnel got ${result.bytes} bytes: ${result.stderr}`);
      return performance.now() - start;
    };
    const direct = async () => {
      const start = performance.now();
      const { spawn: spawnChild } = await import('node:child_process');
      const ssh = spawnChild('ssh', ['-i', world.topology.jumpBox.clientKeyPath, '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${world.topology.jumpBox.user}@${world.topology.jumpBox.ip}`, `head -c ${BYTES} /dev/zero`], { stdio: ['ignore', 'pipe', 'ignore'] });
      let bytes = 0;
      ssh.stdout.on('data', (c: Buffer) => { bytes += c.length; });
      await once(ssh, 'close');
      if (bytes !== BYTES) throw new Error(`direct ssh got ${bytes} bytes`);
      return performance.now() - start;
    };
    console.log('');
    console.log('OpenSSH client, jump box in the topology hub (wall time incl. connect + auth):');
    const d = await measure('OpenSSH direct to the jump box (VPN path, baseline)', RUNS, direct);
    const t = await measure('OpenSSH through our Bastion tunnel + stand-in (relay in-process)', RUNS, viaTunnel);
    console.log(`ratio OpenSSH via tunnel / direct: ${(t / d).toFixed(2)}`);
    await listener.close();
  } finally {
    await world.close();
  }
}

await main();
process.exit(0);
