import { randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import { assertLocalPath } from '../files';
import type { Logger } from '../log';
import { type ArmService, ClusterFactsLoader, type EgressIpResolver } from '../azure';
import type { Check, Hop, PathName, Result } from './check';
import { ALL_CHECKS } from './checks';
import { runChecks } from './engine';
import type { JumpBoxProbe } from '../azure-model';
import { toJson, toMarkdown, type RunReport } from './report';
import type { ExportWording } from '../../ipc/contract/export-wording';
import { createRunContext } from './run-context';
import { Emitter, type Event } from '../events';

/** A checklist request as IPC delivers it. */
export interface ChecklistRequest {
  readonly clusterId: string;
  readonly pathId: PathName;
  readonly jumpBoxId?: string | undefined;
  readonly bastionId?: string | undefined;
  readonly operatorIp?: string | undefined;
  /** Chosen by main (default key or its dialog), never by the renderer. */
  readonly privateKeyPath?: string | undefined;
}

/** Settings of the checklist. */
export interface ChecklistSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Portal origin for remediation links. */
  readonly portal: string;
}

/** What the service needs. */
export interface ChecklistDeps {
  readonly arm: () => ArmService;
  readonly egress: EgressIpResolver;
  /** The SSH slice's probe, once it exists. */
  readonly probe: () => JumpBoxProbe | null;
  readonly settings: ChecklistSettings;
  readonly log: Logger;
  readonly checks?: readonly Check[];
}

interface Run extends RunReport {
  state: 'running' | 'completed' | 'cancelled';
  finishedAt: string | null;
  results: Result[];
  readonly checks: ReadonlyArray<{ id: string; title: string; hops: Hop[] }>;
  /** What was asked, with the egress IP resolved, so a re-run checks the same thing. */
  readonly request: Omit<ChecklistRequest, 'operatorIp'> & { readonly operatorIp: string | null };
  /** The current pass (the first run or a re-run); a cancel aborts it. */
  controller: AbortController;
  done: Promise<void>;
}

const KEEP_RUNS = 20;

/** Counts per status. */
export function summarize(results: readonly Result[]): Record<Result['status'], number> {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/**
 * Runs the troubleshooting checklist for one cluster and path: checks that apply run concurrently
 * (bounded), each result is pushed to listeners as it lands, runs can be cancelled and exported.
 */
export class ChecklistService {
  private readonly runs = new Map<string, Run>();
  private readonly resultEvents = new Emitter<[runId: string, result: Result]>();
  private readonly finishEvents = new Emitter<[runId: string, state: 'completed' | 'cancelled', results: readonly Result[]]>();
  private readonly log: Logger;

  /** Creates the service. */
  constructor(private readonly deps: ChecklistDeps) {
    this.log = deps.log.child('checklist');
  }

  /** The checks that apply to a path. */
  checksFor(pathId: PathName): Check[] {
    return (this.deps.checks ?? ALL_CHECKS).filter((c) => c.appliesTo(pathId));
  }

  /** Starts a run and returns its id and check list at once; results follow as events. */
  async start(request: ChecklistRequest): Promise<{ runId: string; checks: Array<{ id: string; title: string; hops: Hop[] }> }> {
    if (request.privateKeyPath !== undefined) assertLocalPath(request.privateKeyPath);
    const arm = this.deps.arm();
    const operatorIp = request.operatorIp ?? (await this.deps.egress.resolve().catch(() => null));
    const checks = this.checksFor(request.pathId);
    const runId = randomUUID();
    const run: Run = {
      runId,
      clusterId: request.clusterId,
      pathId: request.pathId,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      results: [],
      checks: checks.map((c) => ({ id: c.id, title: c.title, hops: [...c.hops] })),
      request: { ...request, operatorIp },
      controller: new AbortController(),
      done: Promise.resolve(),
    };
    this.runs.set(runId, run);
    this.trim();
    this.launch(run, checks, arm);
    return { runId, checks: [...run.checks] };
  }

  /**
   * Runs some checks of an ended run again, in the same run: fresh Azure reads (a new loader, so a
   * fix made since shows up), each new result replaces the old one, and `finished` is emitted again.
   * Unknown run or check ids, and a run still going, are refused before anything changes.
   */
  rerun(runId: string, checkIds: readonly string[]): { runId: string; checkIds: string[] } {
    const run = this.require(runId);
    const wanted = [...new Set(checkIds)];
    const listed = new Set(run.checks.map((c) => c.id));
    const unknown = wanted.filter((id) => !listed.has(id));
    if (unknown.length > 0) throw new AppError('checklist.unknown_check', `This run has no check ${unknown.join(', ')}.`, { params: { checks: unknown.join(', ') } });
    if (run.state === 'running') throw new AppError('checklist.run_busy', 'The run is still going; wait for it to end or cancel it first.');
    const byId = new Map(this.checksFor(run.request.pathId).map((c) => [c.id, c]));
    const checks = wanted.map((id) => byId.get(id)).filter((c): c is Check => c !== undefined);
    if (checks.length !== wanted.length) throw new AppError('checklist.unknown_check', 'A check of this run is no longer registered.', { params: { checks: wanted.filter((id) => !byId.has(id)).join(', ') } });
    const arm = this.deps.arm();
    run.state = 'running';
    run.finishedAt = null;
    run.controller = new AbortController();
    this.launch(run, checks, arm);
    return { runId, checkIds: wanted };
  }

  /** Runs checks for a run with a fresh loader and context; each result replaces the check's earlier one. */
  private launch(run: Run, checks: readonly Check[], arm: ArmService): void {
    const { controller, request } = run;
    const facts = new ClusterFactsLoader(arm, run.clusterId);
    const ctx = createRunContext(facts, { ...request, path: request.pathId }, { probe: this.deps.probe(), portal: this.deps.settings.portal, signal: controller.signal });
    run.done = runChecks(checks, ctx, {
      concurrency: this.deps.settings.concurrency,
      timeoutMs: this.deps.settings.timeoutMs,
      signal: controller.signal,
      onResult: (result) => {
        run.results = [...run.results.filter((r) => r.checkId !== result.checkId), result];
        this.resultEvents.fire(run.runId, result);
      },
    })
      .catch((error) => this.log.error('checklist run failed', { runId: run.runId, error }))
      .then(() => {
        run.state = controller.signal.aborted ? 'cancelled' : 'completed';
        run.finishedAt = new Date().toISOString();
        this.finishEvents.fire(run.runId, run.state, run.results);
      });
  }

  /** Cancels a running run; false when it already ended. */
  cancel(runId: string): boolean {
    const run = this.require(runId);
    if (run.state !== 'running') return false;
    run.controller.abort(new AppError('checklist.cancelled', 'The run was cancelled.'));
    return true;
  }

  /** Waits for a run to end (tests, export after completion). */
  async settled(runId: string): Promise<void> {
    await this.require(runId).done;
  }

  /** A run with its results in check order. */
  get(runId: string) {
    const run = this.require(runId);
    const order = new Map(run.checks.map((c, i) => [c.id, i]));
    const results = [...run.results].sort((a, b) => (order.get(a.checkId) ?? 0) - (order.get(b.checkId) ?? 0));
    return { runId, clusterId: run.clusterId, pathId: run.pathId as PathName, state: run.state, startedAt: run.startedAt, finishedAt: run.finishedAt, checks: [...run.checks], results };
  }

  /** The run as Markdown or JSON, with a file name the renderer can offer; worded in the operator's language when `wording` is given. */
  export(runId: string, format: 'markdown' | 'json', wording?: ExportWording): { fileName: string; mimeType: string; content: string } {
    const report = this.get(runId);
    const cluster = report.clusterId.split('/').at(-1) ?? 'cluster';
    const stamp = report.startedAt.replace(/[:.]/g, '-');
    return format === 'markdown'
      ? { fileName: `checklist-${cluster}-${stamp}.md`, mimeType: 'text/markdown', content: toMarkdown(report, wording) }
      : { fileName: `checklist-${cluster}-${stamp}.json`, mimeType: 'application/json', content: toJson(report, wording) };
  }

  /** Subscribes to results as they land; returns a disposer. */
  readonly onDidResult: Event<[runId: string, result: Result]> = this.resultEvents.event;

  /** Subscribes to run ends; returns a disposer. */
  readonly onDidFinish: Event<[runId: string, state: 'completed' | 'cancelled', results: readonly Result[]]> = this.finishEvents.event;

  /** Cancels every running run. */
  dispose(): void {
    for (const run of this.runs.values()) if (run.state === 'running') run.controller.abort();
  }

  private require(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new AppError('checklist.unknown_run', 'That checklist run is not known (it may be too old).');
    return run;
  }

  private trim(): void {
    const ended = [...this.runs.values()].filter((r) => r.state !== 'running');
    while (this.runs.size > KEEP_RUNS && ended.length > 0) this.runs.delete(ended.shift()!.runId);
  }
}
