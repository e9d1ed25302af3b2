/**
 * Bastion tunnel throughput and client CPU, 200 MiB per transfer, every figure against baselines from the
 * same run: direct loopback TCP to the same source/sink (no Bastion), and a client with the official
 * `az network bastion tunnel` client's design (bench/lib/official-design-tunnel.ts: 4 KiB per message).
 * The stand-in relay, the client being measured and this driver are three processes; client CPU is the
 * client process's process.cpuUsage around each transfer. Also a frame-size table (4/16/32/64 KiB: the
 * stand-in's message size for downloads, our maxFrameBytes for uploads), our Duplex (the ssh2 path) and,
 * when the topology can be built (root), OpenSSH `ssh` to the jump box directly vs through the tunnel.
 * Each figure is the median of several runs; the four headline figures (ours and official-design, each way)
 * are taken in turns, five of each, so a change in the shared machine's load falls on both clients.
 * Run alone: `npx tsx bench/bastion-throughput.ts` (`--quick`: one run per figure, no frame table; `--no-openssh`: skip the topology part;
 * `WS_NO_BUFFER_UTIL=1` measures ws without bufferutil; `AKSC_BENCH_PROFILE_DIR=dir` writes the client
 * process's CPU profile there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { IDS } from '../test/standins/bastion/harness';
import type { ClientCommand, StandInInfo } from './lib/bastion-client-child';
import { type Direction, tcp, transfer } from './lib/bastion-transfer';
import { reportFigure } from './lib/figures';

const BYTES = 200 * 1024 * 1024;
const QUICK = process.argv.includes('--quick');
const RUNS = QUICK ? 1 : 3;
/** Runs of the four headline figures (ours and official-design, each way), taken in turns. */
const HEADLINE_RUNS = QUICK ? 1 : 5;
const FRAMES = [4096, 16 * 1024, 32 * 1024, 64 * 1024];
const HERE = path.dirname(fileURLToPath(import.meta.url));
const request = { bastionId: IDS.bastion, target: { kind: 'resource' as const, resourceId: IDS.jumpBox, port: 22 } };

/** One figure: throughput and, when a client process carried it, that process's CPU per transfer. */
interface Figure {
  mbps: number;
  cpuMs?: number;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

function childArgs(file: string): string[] {
  return ['--import', 'tsx', path.join(HERE, 'lib', file)];
}

async function startStandIn(): Promise<{ child: ChildProcess; info: StandInInfo; setMessageSizes(sizes: number[]): Promise<void> }> {
  const child = spawn(process.execPath, childArgs('bastion-standin-child.ts'), {
    cwd: path.join(HERE, '..'),
    env: { ...process.env, AKSC_BENCH_CHILD: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return {
    child,
    info: JSON.parse(line) as StandInInfo,
    async setMessageSizes(sizes) {
      child.stdin!.write(`${JSON.stringify({ messageSizes: sizes })}\n`);
      await once(lines, 'line');
    },
  };
}

async function startClient(info: StandInInfo): Promise<{ child: ChildProcess; ask<T>(command: ClientCommand): Promise<T> }> {
  const profile = process.env.AKSC_BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.AKSC_BENCH_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, ...childArgs('bastion-client-child.ts')], {
    cwd: path.join(HERE, '..'),
    env: { ...process.env, AKSC_BENCH_CHILD: '1', AKSC_BENCH_STANDIN: JSON.stringify(info) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = async <T>(): Promise<T> => {
    const [reply] = (await once(child, 'message')) as [{ ok: boolean; result?: T; error?: string }];
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as T;
  };
  await next();
  return {
    child,
    ask: async <T>(command: ClientCommand) => {
      const answer = next<T>();
      child.send(command);
      return answer;
    },
  };
}

type Client = Awaited<ReturnType<typeof startClient>>;

/** One transfer's wall time and, when a client process carried it, that process's CPU. */
interface Sample {
  ms: number;
  cpuMs?: number;
}

function report(label: string, samples: Sample[]): Figure {
  const figure: Figure = { mbps: mbps(BYTES, median(samples.map((s) => s.ms))) };
  if (samples[0]?.cpuMs !== undefined) figure.cpuMs = median(samples.map((s) => s.cpuMs!));
  const cpu = figure.cpuMs === undefined ? ''.padStart(22) : `  client CPU ${(figure.cpuMs / 1000).toFixed(2).padStart(5)} s`;
  console.log(`${label.padEnd(52)} ${figure.mbps.toFixed(0).padStart(5)} MB/s${cpu}  (median of ${samples.length}: ${samples.map((s) => (s.ms / 1000).toFixed(2)).join('/')} s)`);
  return figure;
}

async function direct(port: number, direction: Direction): Promise<Figure> {
  const samples = [];
  for (let i = 0; i < RUNS; i++) samples.push({ ms: await transfer(await tcp(port), direction, BYTES) });
  return report(`direct TCP to the source, ${direction === 'down' ? 'download' : 'upload'} (no Bastion)`, samples);
}

/** One transfer through a listener of the client process, with that process's CPU around it. */
async function sampleListener(client: Client, port: number, direction: Direction): Promise<Sample> {
  const before = await client.ask<{ cpuUs: number }>({ op: 'cpu' });
  const ms = await transfer(await tcp(port), direction, BYTES);
  // The listener's session teardown is part of the client's cost, and must not leak into the next sample.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const after = await client.ask<{ cpuUs: number }>({ op: 'cpu' });
  return { ms, cpuMs: (after.cpuUs - before.cpuUs) / 1000 };
}

/** Transfers through the client process's listener on `port`, with that process's CPU around each. */
async function vialistener(client: Client, port: number, direction: Direction, label: string, runs = RUNS): Promise<Figure> {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await sampleListener(client, port, direction));
  return report(label, samples);
}

async function listen(client: Client, kind: 'ours' | 'official', frame?: number): Promise<number> {
  return (await client.ask<{ port: number }>({ op: 'listen', kind, ...(frame ? { frame } : {}) })).port;
}

function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined ? '  n/a' : (a / b).toFixed(2).padStart(5);
}

async function main(): Promise<void> {
  const standIn = await startStandIn();
  const client = await startClient(standIn.info);
  const r: Record<string, Figure> = {};
  try {
    console.log(`Bastion tunnel throughput, ${BYTES / 1024 / 1024} MiB per transfer; stand-in relay, client and driver in three processes; ws masking ${process.env.WS_NO_BUFFER_UTIL ? 'in JavaScript' : 'by bufferutil (native)'}`);
    r.directDown = await direct(standIn.info.sourcePort, 'down');
    r.directUp = await direct(standIn.info.sourcePort, 'up');
    // Both clients listen at once and take turns, transfer by transfer, so that a change in the shared
    // machine's load falls on both rather than on whichever ran second.
    const official = await listen(client, 'official');
    const ours = await listen(client, 'ours');
    const samples: Record<string, Sample[]> = { officialDown: [], oursDown: [], officialUp: [], oursUp: [] };
    for (let i = 0; i < HEADLINE_RUNS; i++) {
      samples.officialDown!.push(await sampleListener(client, official, 'down'));
      samples.oursDown!.push(await sampleListener(client, ours, 'down'));
      samples.officialUp!.push(await sampleListener(client, official, 'up'));
      samples.oursUp!.push(await sampleListener(client, ours, 'up'));
    }
    r.officialDown = report('official-design client (4 KiB messages), download', samples.officialDown!);
    r.officialUp = report('official-design client (4 KiB messages), upload', samples.officialUp!);
    r.oursDown = report('our client, 127.0.0.1 listener, download', samples.oursDown!);
    r.oursUp = report('our client, 127.0.0.1 listener, upload', samples.oursUp!);
    for (const direction of ['down', 'up'] as const) {
      const samples = [];
      for (let i = 0; i < RUNS; i++) {
        const { ms, cpuUs } = await client.ask<{ ms: number; cpuUs: number }>({ op: 'duplex', direction, bytes: BYTES });
        samples.push({ ms, cpuMs: cpuUs / 1000 });
      }
      r[`duplex-${direction}`] = report(`our client, Duplex (ssh2's sock), ${direction === 'down' ? 'download' : 'upload'}`, samples);
    }
    if (!QUICK) await frameTable(client, standIn);
    console.log('');
    console.log('                                       download  upload');
    console.log(`ours ÷ official-design, throughput        ${ratio(r.oursDown!.mbps, r.officialDown!.mbps)}   ${ratio(r.oursUp!.mbps, r.officialUp!.mbps)}   (goal ≥ 1.1 / ≥ 2.0)`);
    console.log(`ours ÷ official-design, client CPU        ${ratio(r.oursDown!.cpuMs, r.officialDown!.cpuMs)}   ${ratio(r.oursUp!.cpuMs, r.officialUp!.cpuMs)}   (goal ≤ 1.0)`);
    console.log(`ours ÷ direct TCP, throughput             ${ratio(r.oursDown!.mbps, r.directDown!.mbps)}   ${ratio(r.oursUp!.mbps, r.directUp!.mbps)}   (goal ≥ 0.8 / ≥ 0.8)`);
    console.log(`official-design ÷ direct TCP, throughput  ${ratio(r.officialDown!.mbps, r.directDown!.mbps)}   ${ratio(r.officialUp!.mbps, r.directUp!.mbps)}`);
    console.log(`client CPU per 200 MiB: ours ${(r.oursDown!.cpuMs! / 1000).toFixed(2)} s down / ${(r.oursUp!.cpuMs! / 1000).toFixed(2)} s up; official-design ${(r.officialDown!.cpuMs! / 1000).toFixed(2)} s / ${(r.officialUp!.cpuMs! / 1000).toFixed(2)} s`);
    const officialBaseline = 'official-design client (4 KiB messages), same run, taking turns';
    for (const [way, o, b] of [['down', r.oursDown!, r.officialDown!], ['up', r.oursUp!, r.officialUp!]] as const) {
      reportFigure({ name: `Bastion tunnel ÷ official client, throughput, ${way}`, value: o.mbps / b.mbps, unit: '×', baseline: officialBaseline, goal: { atLeast: way === 'down' ? 1.1 : 2.0 } });
      reportFigure({ name: `Bastion client CPU per 200 MiB ÷ official, ${way}`, value: o.cpuMs! / b.cpuMs!, unit: '×', baseline: `${officialBaseline}: ${(b.cpuMs! / 1000).toFixed(2)} s`, goal: { atMost: 1.0 } });
    }
  } finally {
    client.child.disconnect();
    standIn.child.kill('SIGTERM');
  }
  if (QUICK || process.argv.includes('--no-openssh')) return;
  await opensshComparison().catch((error: unknown) => console.log(`OpenSSH over the topology: skipped (${(error as Error).message})`));
}

/** Downloads with the stand-in cutting messages to each size, uploads with our frames at each size. */
async function frameTable(client: Client, standIn: Awaited<ReturnType<typeof startStandIn>>): Promise<void> {
  console.log('');
  console.log('frame size: download = the stand-in\'s message size (both clients), upload = our maxFrameBytes');
  const rows: string[] = [];
  for (const frame of FRAMES) {
    const kib = `${frame / 1024} KiB`;
    await standIn.setMessageSizes([frame]);
    let port = await listen(client, 'official');
    const official = await vialistener(client, port, 'down', `  official-design, download, ${kib} messages`);
    port = await listen(client, 'ours', frame);
    const down = await vialistener(client, port, 'down', `  ours, download, ${kib} messages`);
    await standIn.setMessageSizes([]);
    const up = await vialistener(client, port, 'up', `  ours, upload, ${kib} frames`);
    rows.push(`${kib.padStart(7)}   ${down.mbps.toFixed(0).padStart(5)} MB/s ${(down.cpuMs! / 1000).toFixed(2)} s   ${official.mbps.toFixed(0).padStart(5)} MB/s ${(official.cpuMs! / 1000).toFixed(2)} s   ${up.mbps.toFixed(0).padStart(5)} MB/s ${(up.cpuMs! / 1000).toFixed(2)} s`);
  }
  console.log('');
  console.log('  frame   ours down (CPU)        official down (CPU)    ours up (CPU)');
  for (const row of rows) console.log(row);
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
    const directSsh = async () => {
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
    const d = await measure('OpenSSH direct to the jump box (VPN path, baseline)', directSsh);
    const t = await measure('OpenSSH through our Bastion tunnel + stand-in (relay in-process)', viaTunnel);
    console.log(`ratio OpenSSH via tunnel / direct: ${(t / d).toFixed(2)}`);
    await listener.close();
  } finally {
    await world.close();
  }
}


/** Runs `once_` RUNS times and prints the median throughput. */
async function measure(label: string, once_: () => Promise<number>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await once_());
  return report(label, samples.map((ms) => ({ ms }))).mbps;
}

await main();
process.exit(0);
