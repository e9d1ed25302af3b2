/**
 * 200 MiB from the jump box (a real OpenSSH sshd on loopback, `head -c … /dev/zero` over exec) and
 * 200 MiB to it (`wc -c`, whose count is checked): our ssh2 path straight over TCP, our ssh2 path through our
 * Bastion tunnel client and the Bastion stand-in (WebSocket hop), and the OpenSSH `ssh` client to the
 * same sshd as the baseline. Each figure is the median of several runs; wall time includes connect +
 * handshake + auth.
 * Run alone: `npx tsx bench/ssh-throughput.ts`.
 */
import { spawn } from 'node:child_process';
import type { SshConnector, SshTargetValue } from '../src-main/services/ssh/ssh-connector';
import type { TestSshd } from '../test/support/sshd';
import { startSshBenchWorld } from './lib/ssh-bench-world';
import { reportFigure } from './lib/figures';
import { ms } from './lib/timing';

const BYTES = 200 * 1024 * 1024;
const RUNS = 3;
const COMMAND = `head -c ${BYTES} /dev/zero`;
const SINK = 'wc -c';
const UPLOAD_PIECE = Buffer.alloc(64 * 1024);

interface Sample {
  wallMs: number;
  dataMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function ours(connector: SshConnector, target: SshTargetValue): Promise<Sample> {
  const start = performance.now();
  const connection = await connector.connect({ target, requester: 'bench' });
  const dataStart = performance.now();
  const channel = await connection.exec(COMMAND);
  let received = 0;
  await new Promise<void>((resolve, reject) => {
    channel.on('data', (chunk: Buffer) => (received += chunk.length));
    channel.stderr.on('data', () => undefined);
    channel.on('close', () => resolve());
    channel.on('error', reject);
  });
  const end = performance.now();
  await connection.close();
  if (received !== BYTES) throw new Error(`received ${received} of ${BYTES} bytes`);
  return { wallMs: end - start, dataMs: end - dataStart };
}

/** 200 MiB written into `cat > /dev/null` on the jump box over our path, honouring the channel's backpressure. */
async function oursUpload(connector: SshConnector, target: SshTargetValue): Promise<Sample> {
  const start = performance.now();
  const connection = await connector.connect({ target, requester: 'bench' });
  const dataStart = performance.now();
  const channel = await connection.exec(SINK);
  await new Promise<void>((resolve, reject) => {
    channel.on('error', reject);
    channel.stderr.on('data', () => undefined);
    let counted = '';
    channel.on('data', (chunk: Buffer) => (counted += chunk.toString()));
    channel.on('close', () => (Number(counted.trim()) === BYTES ? resolve() : reject(new Error(`the jump box counted ${counted.trim()} of ${BYTES} bytes`))));
    let sent = 0;
    const pump = () => {
      while (sent < BYTES) {
        const piece = UPLOAD_PIECE.subarray(0, Math.min(UPLOAD_PIECE.length, BYTES - sent));
        sent += piece.length;
        if (!channel.write(piece)) return void channel.once('drain', pump);
      }
      channel.end();
    };
    pump();
  });
  const end = performance.now();
  await connection.close();
  return { wallMs: end - start, dataMs: end - dataStart };
}

/** The OpenSSH client reading 200 MiB of zeros on its stdin into `wc -c` on the jump box. */
function opensshUpload(sshd: TestSshd): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('sh', ['-c', `head -c ${BYTES} /dev/zero | ssh ${OPENSSH_OPTIONS(sshd).join(' ')} '${SINK}'`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let counted = '';
    child.stdout.on('data', (chunk: Buffer) => (counted += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 && Number(counted.trim()) === BYTES ? resolve(performance.now() - start) : reject(new Error(`ssh upload exited ${code}, the jump box counted ${counted.trim()}`)),
    );
  });
}

/** The OpenSSH client's arguments for the bench's sshd (batch mode, throwaway known hosts). */
const OPENSSH_OPTIONS = (sshd: TestSshd) => ['-i', sshd.clientKeyPath, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', `${sshd.user}@${sshd.host}`];

function openssh(sshd: TestSshd, command: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('ssh', [...OPENSSH_OPTIONS(sshd), command], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - start, bytes }) : reject(new Error(`ssh exited ${code}`))));
  });
}

const world = await startSshBenchWorld();
const { sshd, standIn, stack, direct, viaBastion } = world;
try {

  const results: Record<string, Sample[]> = { direct: [], bastion: [], openssh: [], directUp: [], bastionUp: [], opensshUp: [] };
  const connectOnly: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    results.direct!.push(await ours(stack.connector, direct));
    results.bastion!.push(await ours(stack.connector, viaBastion));
    const full = await openssh(sshd, COMMAND);
    if (full.bytes !== BYTES) throw new Error(`ssh delivered ${full.bytes} bytes`);
    const bare = await openssh(sshd, 'true');
    connectOnly.push(bare.ms);
    results.openssh!.push({ wallMs: full.ms, dataMs: full.ms - bare.ms });
    results.directUp!.push(await oursUpload(stack.connector, direct));
    results.bastionUp!.push(await oursUpload(stack.connector, viaBastion));
    const up = await opensshUpload(sshd);
    results.opensshUp!.push({ wallMs: up, dataMs: up - bare.ms });
  }
  const mbps = (bytes: number, msValue: number) => bytes / (1024 * 1024) / (msValue / 1000);
  let base = 0;
  let baseWall = 0;
  const table = (title: string, baseline: Sample[]) => {
    base = median(baseline.map((s) => s.dataMs));
    baseWall = median(baseline.map((s) => s.wallMs));
    console.log(`${title}, median of ${RUNS} runs`);
    console.log('path                                        wall      data phase   MiB/s (data)   vs OpenSSH (data)   vs OpenSSH (wall)');
  };
  table('200 MiB from the jump box (sshd on loopback)', results.openssh!);
  const row = (name: string, samples: Sample[]) => {
    const wall = median(samples.map((s) => s.wallMs));
    const data = median(samples.map((s) => s.dataMs));
    console.log(
      `${name.padEnd(44)}${ms(wall).padStart(8)}   ${ms(data).padStart(9)}   ${mbps(BYTES, data).toFixed(0).padStart(11)}   ${(base / data).toFixed(2).padStart(16)}x   ${(baseWall / wall).toFixed(2).padStart(16)}x`,
    );
  };
  row('ours: ssh2 direct TCP', results.direct!);
  row('ours: ssh2 via Bastion tunnel + stand-in', results.bastion!);
  row('baseline: OpenSSH ssh (same sshd)', results.openssh!);
  console.log(`(OpenSSH data phase = wall − a bare "ssh … true" connect, median ${ms(median(connectOnly))}; ratios > 1 mean faster than OpenSSH)`);
  table('\n200 MiB to the jump box (wc -c)', results.opensshUp!);
  row('ours: ssh2 direct TCP', results.directUp!);
  row('ours: ssh2 via Bastion tunnel + stand-in', results.bastionUp!);
  row('baseline: OpenSSH ssh (same sshd)', results.opensshUp!);
  const speed = (samples: Sample[]) => 1 / median(samples.map((s) => s.dataMs));
  const down = speed(results.bastion!) / speed(results.direct!);
  const up = speed(results.bastionUp!) / speed(results.directUp!);
  console.log(`Bastion tunnel ÷ direct ssh (our ssh2 path both, data phase), throughput: down ${down.toFixed(2)}, up ${up.toFixed(2)}`);
  reportFigure({ name: 'Bastion tunnel ÷ direct ssh, down', value: down, unit: '×', baseline: 'our ssh2 direct over TCP, same run', goal: { atLeast: 0.8 } });
  reportFigure({ name: 'Bastion tunnel ÷ direct ssh, up', value: up, unit: '×', baseline: 'our ssh2 direct over TCP, same run', goal: { atLeast: 0.8 } });
  console.log(`Bastion sessions minted ${standIn.sessions().length}, left undeleted ${standIn.undeleted().length}`);
} finally {
  await world.close();
}
