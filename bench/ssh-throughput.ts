/**
 * 200 MiB from the jump box (a real OpenSSH sshd on loopback, `head -c … /dev/zero` over exec):
 * our ssh2 path straight over TCP, our ssh2 path through our Bastion tunnel client and the Bastion
 * stand-in (WebSocket hop), and the OpenSSH `ssh` client to the same sshd as the baseline.
 * Each figure is the median of several runs; wall time includes connect + handshake + auth.
 * Run alone: `npx tsx bench/ssh-throughput.ts`.
 */
import { spawn } from 'node:child_process';
import type { SshConnector, SshTargetValue } from '../src-main/services/ssh/ssh-connector';
import type { TestSshd } from '../test/support/sshd';
import { startSshBenchWorld } from './lib/ssh-bench-world';
import { ms } from './lib/timing';

const BYTES = 200 * 1024 * 1024;
const RUNS = 3;
const COMMAND = `head -c ${BYTES} /dev/zero`;

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

function openssh(sshd: TestSshd, command: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('ssh', ['-i', sshd.clientKeyPath, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', `${sshd.user}@${sshd.host}`, command], {
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

  const results: Record<string, Sample[]> = { direct: [], bastion: [], openssh: [] };
  const connectOnly: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    results.direct!.push(await ours(stack.connector, direct));
    results.bastion!.push(await ours(stack.connector, viaBastion));
    const full = await openssh(sshd, COMMAND);
    if (full.bytes !== BYTES) throw new Error(`ssh delivered ${full.bytes} bytes`);
    const bare = await openssh(sshd, 'true');
    connectOnly.push(bare.ms);
    results.openssh!.push({ wallMs: full.ms, dataMs: full.ms - bare.ms });
  }
  const mbps = (bytes: number, msValue: number) => bytes / (1024 * 1024) / (msValue / 1000);
  const base = median(results.openssh!.map((s) => s.dataMs));
  const baseWall = median(results.openssh!.map((s) => s.wallMs));
  console.log(`200 MiB from the jump box (sshd on loopback), median of ${RUNS} runs`);
  console.log('path                                        wall      data phase   MiB/s (data)   vs OpenSSH (data)   vs OpenSSH (wall)');
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
  const hop = median(results.bastion!.map((s) => s.dataMs)) / median(results.direct!.map((s) => s.dataMs));
  console.log(`WebSocket hop cost (Bastion vs direct, data phase): ${((hop - 1) * 100).toFixed(0)} %`);
  console.log(`Bastion sessions minted ${standIn.sessions().length}, left undeleted ${standIn.undeleted().length}`);
} finally {
  await world.close();
}
