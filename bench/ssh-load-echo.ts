/**
 * Keystroke echo under load, in one run: the operator types into one terminal of the real renderer
 * (Chromium, real core and router behind the harness transport, real OpenSSH sshd) while 20 other
 * sessions print coloured lines at full speed into their own panes. Echo is timed in the page, from
 * the keydown to the echoed text rendered by xterm. Baselines from the same run: the same typing with
 * the streams idle, and the OpenSSH client (`ssh -tt`, its own process, no terminal emulator) typing
 * into the same sshd, idle and under the same load. Also prints animation-frame gaps, long tasks and a
 * terminal-tab switch under load. Keys: AKS_BENCH_LOAD_KEYS (default 60 each way).
 * Run alone: `npx tsx bench/ssh-load-echo.ts`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runLoadScenario } from '../test/support/terminal-load/load-scenario';
import { startLoadWorld, type LoadWorld } from '../test/support/terminal-load/load-world';
import { formatSummary, percentile, summarize } from '../test/support/terminal-load/stats';
import { reportFigure } from './lib/figures';

const STREAMS = 20;
const KEYS = Number(process.env.AKS_BENCH_LOAD_KEYS ?? 60);
const LINE = 20;
const GAP_MS = 40;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

async function openSshEcho(w: LoadWorld): Promise<number[]> {
  const { stdout } = await run(path.join(HERE, '../node_modules/.bin/tsx'), [path.join(HERE, 'lib/openssh-echo-child.ts'), w.sshd.host, String(w.sshd.port), w.sshd.user, w.sshd.clientKeyPath, String(KEYS), String(GAP_MS)], {
    timeout: 600_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as number[];
}

const w = await startLoadWorld(STREAMS);
try {
  let opensshIdle: number[] = [];
  let opensshLoaded: number[] = [];
  const lines = Math.max(1, Math.round(KEYS / LINE));
  const r = await runLoadScenario(w, {
    idleLines: lines,
    loadLines: lines,
    lineLength: LINE,
    gapMs: GAP_MS,
    whileIdle: async () => void (opensshIdle = await openSshEcho(w)),
    whileLoaded: async () => void (opensshLoaded = await openSshEcho(w)),
  });
  const ms = (echoes: typeof r.idle) => echoes.flatMap((e) => (e.ms === undefined ? [] : [e.ms]));
  const rows: Array<[string, number[]]> = [
    ['ours, idle: keydown → rendered in xterm', ms(r.idle)],
    [`ours, ${STREAMS} streams at full speed`, ms(r.loaded)],
    ['baseline: OpenSSH ssh -tt, idle', opensshIdle],
    [`baseline: OpenSSH ssh -tt, same ${STREAMS} streams`, opensshLoaded],
  ];
  const lost = [...r.idle, ...r.loaded].filter((e) => e.ms === undefined).length;
  const mib = w.tallies.reduce((n, t) => n + t.bytes, 0) / 1024 / 1024;
  console.log(`Keystroke echo with ${STREAMS} SSH sessions streaming into the renderer (${mib.toFixed(0)} MiB in ${r.secondsUnderLoad.toFixed(0)} s under load), keys ${GAP_MS} ms apart, one in flight`);
  for (const [name, samples] of rows) console.log(`${name.padEnd(52)}${formatSummary(summarize(samples))}`);
  const p99 = (s: number[]) => percentile(s, 99);
  console.log(`p99 under load vs idle: ours ${(p99(rows[1]![1]) / p99(rows[0]![1])).toFixed(1)}x, OpenSSH ${(p99(rows[3]![1]) / p99(rows[2]![1])).toFixed(1)}x; ours vs OpenSSH under load: ${(p99(rows[1]![1]) / p99(rows[3]![1])).toFixed(1)}x`);
  const paint = (f: typeof r.idlePaint) => `rAF gap p50 ${percentile(f.frames, 50).toFixed(1)} / p99 ${percentile(f.frames, 99).toFixed(1)} / max ${Math.max(0, ...f.frames).toFixed(0)} ms, long tasks ${f.longTasks.length} (${(f.longTasks.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s)`;
  console.log(`renderer idle:      ${paint(r.idlePaint)}`);
  console.log(`renderer under load: ${paint(r.loadPaint)}`);
  console.log(`tab switch under load (mousedown → live output painted): ${r.tabSwitch.ms.toFixed(0)} ms; keys lost ${lost}; sessions left after closing the tabs ${r.sessionsLeftInCore}`);
  reportFigure({ name: `keydown → rendered p99, ${STREAMS} streams`, value: p99(rows[1]![1]), unit: 'ms', baseline: `OpenSSH ssh -tt same load ${p99(rows[3]![1]).toFixed(0)} ms; ours idle ${p99(rows[0]![1]).toFixed(0)} ms`, goal: { atMost: 50 } });
  reportFigure({ name: 'renderer tasks over 50 ms under that load', value: r.loadPaint.longTasks.length, unit: '', baseline: `idle ${r.idlePaint.longTasks.length}; longest ${Math.max(0, ...r.loadPaint.longTasks).toFixed(0)} ms`, goal: { atMost: 0 } });
} finally {
  await w.close();
}
