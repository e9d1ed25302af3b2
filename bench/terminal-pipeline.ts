/// <reference lib="dom" />
/**
 * Terminal pipeline throughput, in one Chromium run:
 *  - pipeline: a real OpenSSH sshd prints coloured 80-column lines in a PTY shell → ssh2 session in
 *    the real core → the real IPC router (per-frame batches, flow control by acknowledged bytes) →
 *    the session's data port over the harness transport → the real renderer's xterm.js 6 pane, measured from the command until
 *    xterm has parsed the last byte;
 *  - baseline: the same strings, in the same chunks, written to a bare xterm.js 6 in another tab of
 *    the same browser with no pipeline, measured to the last write callback.
 * Prints both and the ratio. Size: AKS_BENCH_TERMINAL_MIB (default 32). `AKSC_BENCH_PROFILE_DIR=dir`
 * writes the renderer's and the main process's CPU profiles of the pipeline run there (and `AKSC_BENCH_TRACE=1` a Chromium
 * timeline trace beside it: layout, paint and tasks, which the CPU profile shows only as "(program)").
 */
import { writeFile } from 'node:fs/promises';
import inspector from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startHarness, type Harness } from '../test/e2e/harness';
import { deliverToPage, EventPump } from '../test/e2e/harness/event-pump';
import { startSshd } from '../test/support/sshd';
import { reportFigure } from './lib/figures';
import { cpuMsPerMb, cpuPerMb, cpuSnapshot, type CpuByProcess } from './lib/process-cpu';

const MIB = Number(process.env.AKS_BENCH_TERMINAL_MIB ?? 32);
const PASSWORD = 'bench-only-password-1';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One output batch as main hands it to a session's port. */
type Batch = { readonly sessionId: string; readonly data: string; readonly bytes: number };

async function bareXtermBundle(): Promise<string> {
  const result = await build({
    stdin: { contents: "import { Terminal } from '@xterm/xterm'; (window as any).BareTerminal = Terminal;", loader: 'ts', resolveDir: ROOT },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * The harness's event transport on its own: the same output batches to a blank page whose
 * receiver does nothing, sent the way the harness sends events (its pump: at most two
 * `page.evaluate` in flight, what queues meanwhile shares one), and the old way (one `page.evaluate`
 * per event) with every event in flight at once and one at a time.
 */
async function harnessTransportAlone(h: Harness, payloads: readonly Batch[]): Promise<{ pumped: number; pipelined: number; oneByOne: number; cpu: readonly [CpuByProcess, CpuByProcess] }> {
  const page = await h.context.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.evaluate('window.__aksDeliver = function () {}');
  const deliver = (payload: Batch) =>
    page.evaluate(([e, p]) => (window as unknown as { __aksDeliver?: (e: string, p: unknown) => void }).__aksDeliver?.(e, p), ['__port', payload] as const);
  const pump = new EventPump(deliverToPage(page));
  const cpuBefore = cpuSnapshot();
  let start = performance.now();
  for (const payload of payloads) pump.send('__port', payload);
  await pump.idle();
  const pumped = (performance.now() - start) / 1000;
  const cpu = [cpuBefore, cpuSnapshot()] as const;
  start = performance.now();
  await Promise.all(payloads.map(deliver));
  const pipelined = (performance.now() - start) / 1000;
  start = performance.now();
  for (const payload of payloads) await deliver(payload);
  const oneByOne = (performance.now() - start) / 1000;
  await page.close();
  return { pumped, pipelined, oneByOne, cpu };
}

/** Runs the benchmark and prints its figures. */
export async function runTerminalPipelineBench(): Promise<void> {
  const sshd = await startSshd({ password: PASSWORD });
  const h = await startHarness({ language: 'en', viewport: { width: 1280, height: 900 } });
  try {
    const sessionEvents: Batch[] = [];
    // The end mark is looked for in a short rolling tail: joining every event so far on each poll
    // cost the main process seconds of CPU (the bench's, not the pipeline's) on a 32 MiB run.
    let tail = '';
    let acked = 0;
    let lastAckAt = 0;
    const router = h.core.router;
    const manager = h.core.connectivity.manager;
    manager.onDidData((chunk) => {
      sessionEvents.push(chunk);
      tail = (tail + chunk.data.slice(-4096)).slice(-4096);
    });

    await h.page.locator('nav button[data-area="terminals"]').click();
    const opened = h.page.evaluate(
      ([port, user, password]) =>
        (window as unknown as { aksConsole: { invoke: Record<string, (r: unknown) => Promise<unknown>> } }).aksConsole.invoke['ssh.open']!({
          target: { route: { kind: 'direct', host: '127.0.0.1', port }, username: user, auth: { method: 'password', password } },
          label: 'bench',
          cols: 120,
          rows: 40,
        }),
      [sshd.port, sshd.user, PASSWORD] as const,
    );
    await h.page.getByTestId('host-key-once').click({ timeout: 20_000 });
    const answer = (await opened) as { ok: boolean; data?: { sessionId: string }; error?: unknown };
    if (!answer.ok || !answer.data) throw new Error(`ssh.open failed: ${JSON.stringify(answer.error)}`);
    const sessionId = answer.data.sessionId;
    // Acknowledgements reach the session on its port (or as ssh.ack invokes): count them at the session.
    const session = manager.session(sessionId);
    const ack = session.ack.bind(session);
    session.ack = (n) => {
      acked += n;
      lastAckAt = performance.now();
      ack(n);
    };
    await h.page.locator('.terminal-mount .xterm').waitFor();
    await h.page.waitForTimeout(1500);

    const bytes = MIB * 1024 * 1024;
    const line = '\\033[32m' + 'abcdefghij'.repeat(7) + '\\033[0m0123456789';
    const command = `yes "$(printf '${line}')" | head -c ${bytes}; echo; echo BENCH-END-MARK\r`;
    const startEvents = sessionEvents.length;
    const ackedBefore = acked;
    tail = '';
    const profiler = process.env.AKSC_BENCH_PROFILE_DIR ? await h.context.newCDPSession(h.page) : undefined;
    if (process.env.AKSC_BENCH_TRACE) await h.context.browser()!.startTracing(h.page, { path: path.join(process.env.AKSC_BENCH_PROFILE_DIR!, 'trace.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] });
    const mainProfiler = process.env.AKSC_BENCH_PROFILE_DIR ? new inspector.Session() : undefined;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    if (mainProfiler) {
      mainProfiler.connect();
      await mainProfiler.post('Profiler.enable');
      await mainProfiler.post('Profiler.start');
    }
    const cpuBefore = cpuSnapshot();
    const started = performance.now();
    await router.dispatch('ssh.write', { sessionId, data: command }, { url: `${h.origin}/index.html`, isMainFrame: true, senderId: 'bench' });
    const deadline = Date.now() + 300_000;
    while (!/BENCH-END-MARK\r?\n/.test(tail.replace(/echo BENCH-END-MARK/g, ''))) {
      if (Date.now() > deadline) throw new Error('pipeline did not finish within 300 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    const receivedBytes = sessionEvents.slice(startEvents).reduce((n, e) => n + e.bytes, 0);
    while (acked - ackedBefore < receivedBytes) {
      if (Date.now() > deadline) throw new Error('renderer did not acknowledge every byte');
      await new Promise((r) => setTimeout(r, 20));
    }
    const pipelineSeconds = (lastAckAt - started) / 1000;
    if (process.env.AKSC_BENCH_TRACE) await h.context.browser()!.stopTracing();
    if (mainProfiler) {
      const { profile } = await mainProfiler.post('Profiler.stop');
      await writeFile(path.join(process.env.AKSC_BENCH_PROFILE_DIR!, 'main-pipeline.cpuprofile'), JSON.stringify(profile));
      mainProfiler.disconnect();
    }
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop');
      await writeFile(path.join(process.env.AKSC_BENCH_PROFILE_DIR!, 'renderer-pipeline.cpuprofile'), JSON.stringify(profile));
    }
    const cpuPipeline = [cpuBefore, cpuSnapshot()] as const;
    const chunks = sessionEvents.slice(startEvents).map((e) => e.data);

    const bare = await h.context.newPage();
    await bare.setContent('<!doctype html><html><body><div id="t" style="width:1100px;height:700px"></div></body></html>');
    await bare.addScriptTag({ content: await bareXtermBundle() });
    await bare.evaluate(() => {
      const w = window as unknown as { BareTerminal: new (o: object) => { open(e: HTMLElement): void }; term: unknown; chunks: string[] };
      const term = new w.BareTerminal({ cols: 120, rows: 40, scrollback: 5000 });
      term.open(document.getElementById('t')!);
      w.term = term;
      w.chunks = [];
    });
    for (let i = 0; i < chunks.length; i += 64) {
      await bare.evaluate((part) => (window as unknown as { chunks: string[] }).chunks.push(...part), chunks.slice(i, i + 64));
    }
    const cpuBareBefore = cpuSnapshot();
    const baselineSeconds = await bare.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { term: { write(d: string, cb?: () => void): void }; chunks: string[] };
          const t0 = performance.now();
          let left = w.chunks.length;
          for (const c of w.chunks) w.term.write(c, () => --left === 0 && resolve((performance.now() - t0) / 1000));
        }),
    );

    const cpuBare = [cpuBareBefore, cpuSnapshot()] as const;
    const transport = await harnessTransportAlone(h, sessionEvents.slice(startEvents));

    const mb = receivedBytes / 1e6;
    console.log(`terminal pipeline, ${(receivedBytes / 1024 / 1024).toFixed(1)} MiB of coloured 80-column lines, ${chunks.length} output batches`);
    console.log(`  sshd → ssh2 → session port → renderer xterm (acked): ${pipelineSeconds.toFixed(2)} s, ${(mb / pipelineSeconds).toFixed(1)} MB/s`);
    console.log(`  bare xterm.js, same bytes and chunks, same browser: ${baselineSeconds.toFixed(2)} s, ${(mb / baselineSeconds).toFixed(1)} MB/s`);
    console.log(`  ratio pipeline/bare: ${(baselineSeconds / pipelineSeconds).toFixed(2)} (1.00 = the pipeline costs nothing over xterm itself)`);
    console.log(`  harness transport alone (Playwright page.evaluate over CDP; Electron's IPC is structured clone), same events to a no-op receiver:`);
    console.log(`    the harness's pump (≤ 2 evaluates in flight, queued events share one): ${transport.pumped.toFixed(2)} s, ${(mb / transport.pumped).toFixed(1)} MB/s`);
    console.log(`    one evaluate per event, all in flight: ${transport.pipelined.toFixed(2)} s, ${(mb / transport.pipelined).toFixed(1)} MB/s; one at a time: ${transport.oneByOne.toFixed(2)} s, ${(mb / transport.oneByOne).toFixed(1)} MB/s`);
    console.log(`  ratio pipeline/transport-alone (the harness's pump): ${(transport.pumped / pipelineSeconds).toFixed(2)} (1.00 = the pipeline runs as fast as the harness transport lets it)`);
    console.log(`  ratio pipeline/transport-alone (one evaluate per event, all in flight; the figure before the pump): ${(transport.pipelined / pipelineSeconds).toFixed(2)}`);
    console.log(`  CPU ms per MB, by process (wall time is noisy on a shared machine; CPU shows where the time goes):`);
    console.log(`    pipeline:       ${cpuPerMb(...cpuPipeline, mb)}`);
    console.log(`    bare xterm:     ${cpuPerMb(...cpuBare, mb)}`);
    console.log(`    transport only (pump): ${cpuPerMb(...transport.cpu, mb)}`);
    const renderers = 'chromium renderers';
    reportFigure({ name: 'terminal pipeline ÷ bare xterm.js', value: baselineSeconds / pipelineSeconds, unit: '×', baseline: 'bare xterm.js, same bytes, same browser', goal: { atLeast: 0.6 } });
    reportFigure({ name: 'terminal pipeline ÷ harness transport alone', value: transport.pumped / pipelineSeconds, unit: '×', baseline: "the harness's pump to a no-op page", goal: { atLeast: 0.9 } });
    reportFigure({ name: 'pipeline CPU per MB, main', value: cpuMsPerMb(...cpuPipeline, mb, 'main'), unit: 'ms', baseline: `transport alone ${cpuMsPerMb(...transport.cpu, mb, 'main').toFixed(0)} ms`, goal: { atMost: 30 } });
    reportFigure({ name: 'pipeline CPU per MB, renderer', value: cpuMsPerMb(...cpuPipeline, mb, renderers), unit: 'ms', baseline: `bare xterm ${cpuMsPerMb(...cpuBare, mb, renderers).toFixed(0)} ms`, goal: { atMost: 60 } });
  } finally {
    await h.close();
    await sshd.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  void runTerminalPipelineBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
