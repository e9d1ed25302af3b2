/**
 * Many sessions: 20 concurrent PTY shells on one jump box (real sshd on loopback), each streaming
 * log-like output (~2,000 lines every 100 ms) through the whole main-process path (ssh2 → UTF-8
 * decoding → frame batching → flow control), with a renderer stand-in that acknowledges every
 * batch. Reports main-process CPU and memory for 20 shells next to 1 shell measured the same way.
 * Run alone: `npx tsx bench/ssh-sessions.ts`.
 */
import { SessionManager } from '../src-main/services/sessions/session-manager';
import type { SshTargetValue } from '../src-main/services/ssh/ssh-connector';
import { createSshStack, type SshStack } from '../test/integration/ssh/ssh-stack';
import { startSshd } from '../test/support/sshd';

const SECONDS = 8;
const STREAM = `for i in $(seq 1 ${SECONDS * 10 + 20}); do seq -f 'line %g of a streaming log, with some padding text' 1 2000; sleep 0.1; done\n`;

interface Result {
  shells: number;
  bytes: number;
  events: number;
  cpuPercent: number;
  rssMiB: number;
  heapMiB: number;
  maxEventsPerSecondPerShell: number;
}

async function run(stack: SshStack, target: SshTargetValue, shells: number): Promise<Result> {
  const manager = new SessionManager({ connector: stack.connector, prompts: stack.prompts, log: stack.log });
  const perShellEvents = new Map<string, number>();
  let bytes = 0;
  let events = 0;
  let measuring = false;
  manager.onDidData((e) => {
    setImmediate(() => {
      // The last batch of a closing session may arrive after it is gone.
      if (manager.listSessions().some((s) => s.sessionId === e.sessionId)) manager.session(e.sessionId).ack(e.bytes);
    });
    if (!measuring) return;
    bytes += e.bytes;
    events += 1;
    perShellEvents.set(e.sessionId, (perShellEvents.get(e.sessionId) ?? 0) + 1);
  });
  try {
    const ids = await Promise.all(Array.from({ length: shells }, async () => (await manager.openSession(target, { cols: 120, rows: 40 })).sessionId));
    const deadline = Date.now() + 60_000;
    while (!manager.listSessions().every((s) => s.state === 'open')) {
      if (Date.now() > deadline || manager.listSessions().some((s) => s.state === 'failed')) throw new Error('shells did not open');
      await new Promise((r) => setTimeout(r, 50));
    }
    for (const id of ids) manager.session(id).write(STREAM);
    await new Promise((r) => setTimeout(r, 1000));
    global.gc?.();
    measuring = true;
    const cpu = process.cpuUsage();
    const start = performance.now();
    let rss = 0;
    let heap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rss = Math.max(rss, m.rss);
      heap = Math.max(heap, m.heapUsed);
    }, 200);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(sampler);
    measuring = false;
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - start;
    return {
      shells,
      bytes,
      events,
      cpuPercent: ((used.user + used.system) / 1000 / wall) * 100,
      rssMiB: rss / 1024 / 1024,
      heapMiB: heap / 1024 / 1024,
      maxEventsPerSecondPerShell: Math.max(...perShellEvents.values()) / SECONDS,
    };
  } finally {
    await manager.dispose();
  }
}

const sshd = await startSshd();
const stack = await createSshStack();
try {
  await stack.trust(sshd);
  const { keyId } = await stack.vault.import('bench', sshd.clientKey);
  const target: SshTargetValue = { route: { kind: 'direct', host: sshd.host, port: sshd.port }, username: sshd.user, auth: { method: 'key', keyId } };
  const one = await run(stack, target, 1);
  const twenty = await run(stack, target, 20);
  console.log(`Concurrent shells streaming output for ${SECONDS} s (main process only; sshd runs separately)`);
  console.log('shells   output MiB/s   events/s   max events/s per shell   main CPU   peak RSS   peak heap');
  for (const r of [one, twenty]) {
    console.log(
      `${String(r.shells).padStart(6)}   ${(r.bytes / 1024 / 1024 / SECONDS).toFixed(2).padStart(12)}   ${(r.events / SECONDS).toFixed(0).padStart(8)}   ${r.maxEventsPerSecondPerShell.toFixed(0).padStart(22)}   ${r.cpuPercent.toFixed(0).padStart(6)} %   ${r.rssMiB.toFixed(0).padStart(5)} MiB   ${r.heapMiB.toFixed(0).padStart(6)} MiB`,
    );
  }
  console.log(`20 vs 1 shell: ${(twenty.bytes / Math.max(1, one.bytes)).toFixed(1)}x the output for ${(twenty.cpuPercent / Math.max(0.1, one.cpuPercent)).toFixed(1)}x the CPU`);
  console.log('(events per shell are capped by the frame batching: at most ~62 per second at 16 ms frames)');
} finally {
  await stack.close();
  await sshd.close();
}
