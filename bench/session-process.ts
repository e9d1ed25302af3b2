/**
 * Should SSH sessions run in a process of their own (issue 15, item 2)? 20 shells on a real sshd
 * stream coloured lines at full speed through the product's real session code (SessionManager,
 * ShellSession, TerminalOutput: the same flow-control windows and `ssh.focus` background window),
 * read by a reader that acknowledges every batch as the renderer does. Variant A runs the sessions
 * in the measured process (today: Electron's main); variant B runs the same code in a forked child
 * (the stand-in for `utilityProcess`) whose batches reach the measured process over the child's
 * channel. Meanwhile a prober process sends the measured process a small request every 10 ms
 * (answered through the real router), and the bench records its round trips and the event-loop
 * delay with the sessions quiet, in the first seconds after the 20 streams start together (every
 * flow-control window fills at once) and while they stream, plus CPU per MB of each process,
 * throughput and memory; then one session's sshd is stopped (SIGSTOP)
 * and continued, and in B the child is killed mid-stream and a new one started.
 * Run alone: `npx tsx bench/session-process.ts` (`--rounds N`: N pairs, A then B, B then A, ...; default 2).
 */
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { cpuSnapshot } from './lib/process-cpu';
import { procStat } from './lib/process-cpu';
import { startRequestProbe, type PhaseFigures, type RequestProbe } from './lib/request-probe';
import type { HostFrame } from './lib/session-host';
import { childPlane, inProcessPlane, type SessionPlane } from './lib/session-plane';
import { startSshd, type TestSshd } from '../test/support/sshd';
import { streamCommand } from '../test/support/terminal-load/stream-tally';

const SESSIONS = 20;
const SETTLE_S = 1;
const IDLE_S = 3;
const BURST_S = 2;
const STREAM_S = 10;
const STUCK_S = 5;
const AFTER_S = 2;
const CRASH_S = 3;
const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 2;
const run = promisify(execFile);

type Variant = 'A' | 'B';

/** Figures of one variant's run beside the probe's per-phase figures. */
interface VariantFigures {
  streamMb: number;
  streamS: number;
  mainCpuMs: number;
  childCpuMs: number | undefined;
  sshdCpuMs: number;
  mainRssStart: number;
  mainRssPeak: number;
  childRssPeak: number | undefined;
  stuckOthersMb: number;
  stuckResumed: boolean;
  restart?: { forkMs: number; openMs: number; echoMs: number };
}

/** The renderer stand-in: counts bytes, acknowledges each batch on the next turn (as xterm's write callback does), finds markers. */
class Reader {
  bytes = 0;
  private readonly perSession = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private readonly watched = new Set<string>();
  constructor(private readonly plane: () => SessionPlane | undefined) {}

  take = (frame: HostFrame): void => {
    this.bytes += frame.bytes;
    this.perSession.set(frame.sessionId, (this.perSession.get(frame.sessionId) ?? 0) + frame.bytes);
    if (this.watched.has(frame.sessionId)) this.texts.set(frame.sessionId, ((this.texts.get(frame.sessionId) ?? '') + frame.data).slice(-4096));
    setImmediate(() => this.plane()?.ack(frame.sessionId, frame.bytes));
  };

  bytesOf(sessionId: string): number {
    return this.perSession.get(sessionId) ?? 0;
  }

  /** Waits for `pattern` in a session's output (only sessions watched before the output came). */
  async find(sessionId: string, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    this.watched.add(sessionId);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = (this.texts.get(sessionId) ?? '').match(pattern);
      if (match) return match;
      if (Date.now() > deadline) throw new Error(`no ${pattern} from session ${sessionId}`);
      await sleep(5);
    }
  }
}

/** Everything that must end however the bench ends (Ctrl+C included), last started first. */
const cleanups: Array<() => Promise<unknown> | void> = [];
let stoppedPid: number | undefined;
async function cleanUp(): Promise<void> {
  if (stoppedPid !== undefined) signal(stoppedPid, 'SIGCONT');
  while (cleanups.length > 0) await Promise.resolve(cleanups.pop()!()).catch(() => undefined);
}
let stopping = false;
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  // Kept installed: Ctrl+C reaches this process twice (from the terminal, and relayed by tsx).
  process.on(name, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${name}: closing what the bench started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function uptime(): Promise<string> {
  return (await run('uptime')).stdout.trim();
}

async function variant(which: Variant, sshd: TestSshd, probe: RequestProbe, round: number): Promise<VariantFigures> {
  let plane: SessionPlane | undefined;
  const reader = new Reader(() => plane);
  const start = which === 'A' ? inProcessPlane : childPlane;
  plane = await start(sshd, reader.take);
  const closePlane = async (): Promise<void> => plane?.close();
  cleanups.push(closePlane);
  const tag = `${which}${round}`;
  try {
    const ids = await plane.open(SESSIONS);
    plane.focus(ids[0]!);
    await sleep(SETTLE_S * 1000);
    const stuckId = ids[1]!;
    const pidMatch = reader.find(stuckId, /SP-PID-(\d+)/);
    probe.phase(`${tag} idle`);
    await sleep(IDLE_S * 1000);
    plane.write(stuckId, 'echo SP-PID-$PPID\r');
    const sshdPid = Number((await pidMatch)[1]);

    // The streams start together: every session's window fills at once.
    probe.phase(`${tag} burst`);
    ids.forEach((id, i) => plane!.write(id, streamCommand(i, `${sshd.dir}/stop-${tag}`)));
    await sleep(BURST_S * 1000);

    // Streaming.
    probe.phase(`${tag} streaming`);
    const bytes0 = reader.bytes;
    const cpu0 = cpuSnapshot();
    const child0 = plane.childPid ? procStat(plane.childPid) : undefined;
    const mainRssStart = process.memoryUsage.rss();
    let mainRssPeak = mainRssStart;
    let childRssPeak = 0;
    const sampler = setInterval(() => {
      mainRssPeak = Math.max(mainRssPeak, process.memoryUsage.rss());
      if (plane?.childPid) childRssPeak = Math.max(childRssPeak, procStat(plane.childPid)?.rssBytes ?? 0);
    }, 250);
    const t0 = performance.now();
    await sleep(STREAM_S * 1000);
    const streamS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const cpu1 = cpuSnapshot();
    const child1 = plane.childPid ? procStat(plane.childPid) : undefined;
    const streamMb = (reader.bytes - bytes0) / 1e6;

    // One connection stuck: its sshd stops reading and answering.
    probe.phase(`${tag} stuck`);
    const others0 = reader.bytes - reader.bytesOf(stuckId);
    stoppedPid = sshdPid;
    signal(sshdPid, 'SIGSTOP');
    await sleep(STUCK_S * 1000);
    signal(sshdPid, 'SIGCONT');
    stoppedPid = undefined;
    const stuckOthersMb = (reader.bytes - reader.bytesOf(stuckId) - others0) / 1e6;
    probe.phase(`${tag} after`);
    const stuck0 = reader.bytesOf(stuckId);
    await sleep(AFTER_S * 1000);
    const stuckResumed = reader.bytesOf(stuckId) > stuck0;

    const figures: VariantFigures = {
      streamMb,
      streamS,
      mainCpuMs: cpu1.main! - cpu0.main!,
      childCpuMs: child0 && child1 ? child1.cpuMs - child0.cpuMs : undefined,
      sshdCpuMs: (cpu1['sshd+shell'] ?? 0) - (cpu0['sshd+shell'] ?? 0),
      mainRssStart,
      mainRssPeak,
      childRssPeak: plane.childPid ? childRssPeak : undefined,
      stuckOthersMb,
      stuckResumed,
    };

    if (which === 'B') {
      // The session process crashes mid-stream; a new one is started and a new shell echoes.
      probe.phase(`${tag} crash`);
      const crashed = performance.now();
      await plane.crash();
      const old = plane;
      plane = undefined;
      await old.close();
      const forkAt = performance.now();
      plane = await childPlane(sshd, reader.take);
      const forked = performance.now();
      const [fresh] = await plane.open(1);
      const opened = performance.now();
      const echo = reader.find(fresh!, /RESTART-42/);
      plane.write(fresh!, 'echo RESTART-$((40+2))\r');
      await echo;
      const echoed = performance.now();
      figures.restart = { forkMs: forked - forkAt, openMs: opened - forked, echoMs: echoed - opened };
      await sleep(Math.max(0, CRASH_S * 1000 - (echoed - crashed)));
    }
    probe.phase(`${tag} closing`);
    return figures;
  } finally {
    await closePlane();
    cleanups.splice(cleanups.indexOf(closePlane), 1);
  }
}

const f1 = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));
const f0 = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(0));
const rtt = (p: PhaseFigures | undefined): string => (p ? `${f1(p.rtt.p50)} / ${f1(p.rtt.p99)} / ${f1(p.rtt.max)} ms (${p.rtt.count}/${p.sent})` : '—');
const loop = (p: PhaseFigures | undefined): string => (p ? `${f1(p.loop.p50)} / ${f1(p.loop.p99)} / ${f1(p.loop.max)} ms` : '—');
const mib = (bytes: number | undefined): string => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);

function report(round: number, a: VariantFigures, b: VariantFigures, phases: Record<string, PhaseFigures>): void {
  const p = (v: Variant, name: string) => phases[`${v}${round} ${name}`];
  const perMb = (ms: number | undefined, f: VariantFigures) => (ms === undefined ? '—' : `${f0(ms / f.streamMb)} ms/MB`);
  const rows: Array<[string, string, string]> = [
    ['request round trip, 20 shells open, quiet (p50/p99/max, answered/sent)', rtt(p('A', 'idle')), rtt(p('B', 'idle'))],
    [`request round trip in the first ${BURST_S} s of 20 streams (all windows fill)`, rtt(p('A', 'burst')), rtt(p('B', 'burst'))],
    [`request round trip while 20 shells stream (the next ${STREAM_S} s)`, rtt(p('A', 'streaming')), rtt(p('B', 'streaming'))],
    ['event-loop delay of the measured process, quiet', loop(p('A', 'idle')), loop(p('B', 'idle'))],
    ['event-loop delay of the measured process, first seconds', loop(p('A', 'burst')), loop(p('B', 'burst'))],
    ['event-loop delay of the measured process, streaming', loop(p('A', 'streaming')), loop(p('B', 'streaming'))],
    ['throughput to the reader, streaming', `${f1(a.streamMb / a.streamS)} MB/s (${f0(a.streamMb)} MB)`, `${f1(b.streamMb / b.streamS)} MB/s (${f0(b.streamMb)} MB)`],
    ['CPU per MB: measured process', perMb(a.mainCpuMs, a), perMb(b.mainCpuMs, b)],
    ['CPU per MB: session process', '— (in the measured process)', perMb(b.childCpuMs, b)],
    ['CPU per MB: measured + session process', perMb(a.mainCpuMs, a), perMb(b.mainCpuMs + (b.childCpuMs ?? 0), b)],
    ['CPU per MB: sshd and shells', perMb(a.sshdCpuMs, a), perMb(b.sshdCpuMs, b)],
    ['RSS of the measured process: at the start of streaming → peak', `${mib(a.mainRssStart)} → ${mib(a.mainRssPeak)}`, `${mib(b.mainRssStart)} → ${mib(b.mainRssPeak)}`],
    ['RSS of the session process: peak', '—', mib(b.childRssPeak)],
    [`request round trip while one sshd is stopped (${STUCK_S} s)`, rtt(p('A', 'stuck')), rtt(p('B', 'stuck'))],
    ['event-loop delay meanwhile', loop(p('A', 'stuck')), loop(p('B', 'stuck'))],
    ['the other 19 meanwhile', `${f1(a.stuckOthersMb / STUCK_S)} MB/s`, `${f1(b.stuckOthersMb / STUCK_S)} MB/s`],
    ['request round trip after SIGCONT', rtt(p('A', 'after')), rtt(p('B', 'after'))],
    ['stopped session streams again after SIGCONT', a.stuckResumed ? 'yes' : 'NO', b.stuckResumed ? 'yes' : 'NO'],
    ['request round trip while the session process is killed and restarted', '— (a crash there is main\'s crash)', rtt(p('B', 'crash'))],
    [
      'restart: fork to ready / shell open / echo',
      '—',
      b.restart ? `${f0(b.restart.forkMs)} / ${f0(b.restart.openMs)} / ${f0(b.restart.echoMs)} ms (total ${f0(b.restart.forkMs + b.restart.openMs + b.restart.echoMs)} ms)` : '—',
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length), 'A in-process (baseline)'.length);
  console.log(`${'figure'.padEnd(w0)}   ${'A in-process (baseline)'.padEnd(w1)}   B session process`);
  for (const [name, va, vb] of rows) console.log(`${name.padEnd(w0)}   ${va.padEnd(w1)}   ${vb}`);
}

try {
  console.log(`uptime at start: ${await uptime()}`);
  const sshd = await startSshd();
  cleanups.push(() => sshd.close());
  const probe = await startRequestProbe();
  cleanups.push(() => probe.close());
  const results: Array<[VariantFigures, VariantFigures]> = [];
  const loads: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate the order, so neither variant always inherits the other's heap or the machine's load.
    const first: Variant = round % 2 === 1 ? 'A' : 'B';
    const one = await variant(first, sshd, probe, round);
    const two = await variant(first === 'A' ? 'B' : 'A', sshd, probe, round);
    results.push(first === 'A' ? [one, two] : [two, one]);
    loads.push(`order ${first === 'A' ? 'A, B' : 'B, A'}; uptime after: ${await uptime()}`);
  }
  const phases = await probe.report();
  console.log(`${SESSIONS} shells streaming coloured lines at full speed, product flow control (512 KiB window in front, 256 KiB shared behind), reader acknowledging every batch; requests every 10 ms from a prober process through the real router (settings.get)`);
  results.forEach(([a, b], i) => {
    console.log(`-- round ${i + 1} (${loads[i]})`);
    report(i + 1, a, b, phases);
  });
  console.log('B is a forked Node process (structured-clone channel), the stand-in for utilityProcess; every byte crosses into the measured process here.');
  console.log("In Electron the session process's port could go to the renderer directly, bypassing main; this harness cannot show that, so no figure is claimed for it.");
  console.log(`uptime at end: ${await uptime()}`);
} finally {
  await cleanUp();
}
