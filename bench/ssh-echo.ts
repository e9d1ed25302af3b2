/**
 * Keystroke echo round trip on a PTY shell (the shell echoes each key; `stty -icanon`, no line
 * buffering): p50/p99 over 200 keys typed 40 ms apart, one key in flight at a time. Measured through
 * our whole main-process path (SessionManager → ssh2 → sshd → frame batching back), direct and
 * through the Bastion tunnel client + stand-in, also with 1 ms frames; the OpenSSH client
 * (`ssh -tt`, pipes) to the same sshd is the baseline.
 * Run alone: `npx tsx bench/ssh-echo.ts`.
 */
import { spawn } from 'node:child_process';
import { SessionManager } from '../src-main/services/sessions/session-manager';
import type { SshTargetValue } from '../src-main/services/ssh/ssh-connector';
import type { SshStack } from '../test/integration/ssh/ssh-stack';
import type { TestSshd } from '../test/support/sshd';
import { startSshBenchWorld } from './lib/ssh-bench-world';

const KEYS = 200;
/** Pause between keys (a fast typist's pace); not part of the measured time. */
const TYPING_GAP_MS = 40;
const SETUP = 'stty -icanon; echo READY$((1+1))\n';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends keys one at a time through `write` and times each until `output()` shows it. */
async function measure(write: (s: string) => void, waitFor: (needle: string, from: number) => Promise<void>, length: () => number): Promise<number[]> {
  const samples: number[] = [];
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYS; i++) {
    const key = alphabet[i % alphabet.length]!;
    const from = length();
    const start = performance.now();
    write(key);
    await waitFor(key, from);
    samples.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, TYPING_GAP_MS));
  }
  return samples;
}

function textBuffer() {
  let text = '';
  let wake: (() => void) | undefined;
  return {
    append(s: string) {
      text += s;
      wake?.();
    },
    length: () => text.length,
    async waitFor(needle: string, from: number) {
      while (text.indexOf(needle, from) < 0) await new Promise<void>((r) => (wake = r));
    },
  };
}

async function throughManager(stack: SshStack, target: SshTargetValue, frameMs: number): Promise<number[]> {
  const manager = new SessionManager({ connector: stack.connector, prompts: stack.prompts, log: stack.log, flow: { highWaterBytes: 512 * 1024, lowWaterBytes: 128 * 1024, frameMs } });
  const buffer = textBuffer();
  try {
    const info = await manager.openSession(target, { cols: 80, rows: 24 });
    manager.onDidData((e) => {
      buffer.append(e.data);
      manager.session(info.sessionId).ack(e.bytes);
    });
    await new Promise<void>((resolve, reject) => {
      manager.onDidChangeSession((s) => (s.state === 'open' ? resolve() : s.state === 'failed' ? reject(new Error(s.problem?.message)) : undefined));
    });
    const session = manager.session(info.sessionId);
    session.write(SETUP);
    await buffer.waitFor('READY2', 0);
    return await measure((k) => session.write(k), buffer.waitFor, buffer.length);
  } finally {
    await manager.dispose();
  }
}

async function throughOpenSsh(sshd: TestSshd): Promise<number[]> {
  const child = spawn('ssh', ['-tt', '-i', sshd.clientKeyPath, '-p', String(sshd.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', `${sshd.user}@${sshd.host}`], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const buffer = textBuffer();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => buffer.append(s));
  child.stdin.write(SETUP);
  await buffer.waitFor('READY2', 0);
  try {
    return await measure((k) => child.stdin.write(k), buffer.waitFor, buffer.length);
  } finally {
    child.kill();
  }
}

const world = await startSshBenchWorld();
const { sshd, stack, direct, viaBastion } = world;
try {
  const rows: Array<[string, number[]]> = [
    ['ours, direct, 16 ms frames (as shipped)', await throughManager(stack, direct, 16)],
    ['ours, via Bastion, 16 ms frames (as shipped)', await throughManager(stack, viaBastion, 16)],
    ['ours, direct, 1 ms frames', await throughManager(stack, direct, 1)],
    ['ours, via Bastion, 1 ms frames', await throughManager(stack, viaBastion, 1)],
    ['baseline: OpenSSH ssh -tt, direct', await throughOpenSsh(sshd)],
  ];
  const baseP50 = percentile(rows.at(-1)![1], 50);
  console.log(`Keystroke echo round trip on a PTY, ${KEYS} keys each, typed ${TYPING_GAP_MS} ms apart`);
  console.log('path                                               p50        p99     p50 vs OpenSSH');
  for (const [name, samples] of rows) {
    const p50 = percentile(samples, 50);
    console.log(`${name.padEnd(50)}${p50.toFixed(2).padStart(7)} ms${percentile(samples, 99).toFixed(2).padStart(8)} ms   ${(p50 / baseP50).toFixed(2).padStart(6)}x`);
  }
  console.log('(frames are leading-edge: a key echoed after a quiet frame goes out at once; under load the renderer gets at most one batch per frame)');
} finally {
  await world.close();
}
