/**
 * The measured process's responsiveness in the session-process bench: answers the prober child's
 * requests through the real IPC router (`settings.get`, a cheap handler: sender check, size and
 * schema checks, envelope) and watches its own event loop (`monitorEventLoopDelay`), both filed
 * per named phase.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { IpcRouter, type SenderInfo } from '../../src-main/ipc/router';
import { MemoryLogger } from '../../test/support/memory-logger';
import { summarize, type LatencySummary } from '../../test/support/terminal-load/stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WINDOW: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: 'bench-window' };

/** What one phase looked like from the measured process. */
export interface PhaseFigures {
  /** Request round trips (ms), as the prober timed them. */
  readonly rtt: LatencySummary;
  readonly sent: number;
  /** Event-loop delay of the measured process (ms). */
  readonly loop: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** A running probe. */
export interface RequestProbe {
  /** Starts a new phase (requests sent from now on, and the event-loop histogram, count towards it). */
  phase(name: string): void;
  /** Every finished phase's figures (a request still unanswered is missing from `rtt` and counted in `sent`). */
  report(): Promise<Record<string, PhaseFigures>>;
  close(): Promise<void>;
}

/** Starts the prober child and answers it through a router with the real `settings.get` contract entry. */
export async function startRequestProbe(): Promise<RequestProbe> {
  const router = new IpcRouter({ isTrustedSender: (s) => s.senderId === WINDOW.senderId, log: new MemoryLogger() });
  router.handle('settings.get', () => ({ language: 'en', theme: 'system' }));
  const child: ChildProcess = fork(path.join(HERE, 'request-prober-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let reported: ((message: { samples: Record<string, number[]>; sent: Record<string, number> }) => void) | undefined;
  child.on('message', (message: { op: string; n?: number; samples?: Record<string, number[]>; sent?: Record<string, number> }) => {
    if (message.op === 'req') {
      void router.dispatch('settings.get', undefined, WINDOW).then((envelope) => {
        if (envelope.ok && child.connected) child.send({ op: 'res', n: message.n });
      });
    } else if (message.op === 'report') {
      reported?.(message as { samples: Record<string, number[]>; sent: Record<string, number> });
    }
  });
  const loops: Record<string, PhaseFigures['loop']> = {};
  let current: { name: string; histogram: IntervalHistogram } | undefined;
  const endPhase = (): void => {
    if (!current) return;
    current.histogram.disable();
    const h = current.histogram;
    loops[current.name] = { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    current = undefined;
  };
  return {
    phase(name) {
      endPhase();
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      current = { name, histogram };
      child.send({ op: 'phase', name });
    },
    async report() {
      endPhase();
      child.send({ op: 'phase', name: 'reporting' });
      const answer = await new Promise<{ samples: Record<string, number[]>; sent: Record<string, number> }>((resolve) => {
        reported = resolve;
        child.send({ op: 'report' });
      });
      const out: Record<string, PhaseFigures> = {};
      for (const [name, loop] of Object.entries(loops)) out[name] = { rtt: summarize(answer.samples[name] ?? []), sent: answer.sent[name] ?? 0, loop };
      return out;
    },
    async close() {
      endPhase();
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
