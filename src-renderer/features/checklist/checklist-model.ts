/**
 * The checklist run as the renderer follows it: started by `checklist.run`, filled by
 * `checklist.result` events as checks finish (in any order), closed by `checklist.finished`.
 * Pure, so the wizard's inline checks and the checklist screen share one derivation.
 */
import type { InvokeResponse } from '../../../src-main/ipc/contract';

type Run = InvokeResponse<'checklist.get'>;
/** One check result. */
export type CheckResult = Run['results'][number];
/** One check's status. */
export type CheckStatus = CheckResult['status'];
/** The path a run checks. */
export type RunPathId = Run['pathId'];
/** A check as listed before it runs: id, title and the hops it proves. */
export type CheckInfo = Run['checks'][number];

/** The followed run. */
export interface ChecklistRunState {
  readonly runId: string;
  readonly clusterId: string;
  readonly pathId: RunPathId;
  readonly state: 'running' | 'completed' | 'cancelled';
  readonly checks: ReadonlyArray<CheckInfo>;
  readonly results: Readonly<Record<string, CheckResult>>;
  readonly startedAt: number;
  /** Checks being run again in this run; their rows show as running until their new result lands. */
  readonly rerunning: readonly string[];
}

/** What can happen to a run. */
export type ChecklistEvent =
  | { type: 'started'; runId: string; clusterId: string; pathId: RunPathId; checks: ReadonlyArray<CheckInfo>; at: number }
  | { type: 'result'; runId: string; result: CheckResult }
  | { type: 'finished'; runId: string; state: 'completed' | 'cancelled' }
  | { type: 'rerun-started'; runId: string; checkIds: readonly string[] }
  | { type: 'rerun-refused'; runId: string; state: 'completed' | 'cancelled' }
  | { type: 'snapshot'; run: Run }
  | { type: 'cleared' };

/** Applies one event; results of other runs are ignored (a re-run supersedes the old one). */
export function checklistReducer(state: ChecklistRunState | undefined, event: ChecklistEvent): ChecklistRunState | undefined {
  switch (event.type) {
    case 'started':
      return { runId: event.runId, clusterId: event.clusterId, pathId: event.pathId, state: 'running', checks: event.checks, results: {}, startedAt: event.at, rerunning: [] };
    case 'result':
      if (!state || state.runId !== event.runId) return state;
      return { ...state, results: { ...state.results, [event.result.checkId]: event.result }, rerunning: state.rerunning.filter((id) => id !== event.result.checkId) };
    case 'finished':
      if (!state || state.runId !== event.runId) return state;
      return { ...state, state: event.state, rerunning: [] };
    case 'rerun-started':
      if (!state || state.runId !== event.runId) return state;
      return { ...state, state: 'running', rerunning: [...new Set([...state.rerunning, ...event.checkIds])] };
    case 'rerun-refused':
      if (!state || state.runId !== event.runId) return state;
      return { ...state, state: event.state, rerunning: [] };
    case 'snapshot': {
      if (state && state.runId !== event.run.runId) return state;
      const results = Object.fromEntries(event.run.results.map((r) => [r.checkId, r]));
      return {
        runId: event.run.runId,
        clusterId: event.run.clusterId,
        pathId: event.run.pathId,
        state: event.run.state,
        checks: event.run.checks,
        results: { ...results, ...(state?.results ?? {}) },
        startedAt: state?.startedAt ?? Date.parse(event.run.startedAt),
        rerunning: state?.rerunning ?? [],
      };
    }
    case 'cleared':
      return undefined;
  }
}

/** A row of the checklist: the check, its result when finished, or its pending state. */
export interface ChecklistRow {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus | 'pending' | 'not-run' | 'running';
  readonly result?: CheckResult;
}

/** Rows in the order the checks were listed; unfinished checks of a cancelled run show `not-run`, checks being re-run show `running`. */
export function checklistRows(run: ChecklistRunState): ChecklistRow[] {
  const listed = new Set(run.checks.map((c) => c.id));
  const rerunning = new Set(run.state === 'running' ? run.rerunning : []);
  const rows: ChecklistRow[] = run.checks.map((check) => {
    if (rerunning.has(check.id)) return { id: check.id, title: check.title, status: 'running' };
    const result = run.results[check.id];
    if (result) return { id: check.id, title: result.title || check.title, status: result.status, result };
    return { id: check.id, title: check.title, status: run.state === 'running' ? 'pending' : 'not-run' };
  });
  for (const result of Object.values(run.results)) {
    if (!listed.has(result.checkId)) rows.push({ id: result.checkId, title: result.title, status: result.status, result });
  }
  return rows;
}

/** Counts per status (plus pending) for the summary line. */
export function summarize(run: ChecklistRunState): Record<CheckStatus | 'pending', number> {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0, pending: 0 };
  for (const row of checklistRows(run)) {
    if (row.status === 'not-run') continue;
    counts[row.status === 'running' ? 'pending' : row.status] += 1;
  }
  return counts;
}

/** Share of listed checks finished, 0–1. */
export function progress(run: ChecklistRunState): number {
  if (run.checks.length === 0) return run.state === 'running' ? 0 : 1;
  const rerunning = new Set(run.state === 'running' ? run.rerunning : []);
  const done = run.checks.filter((c) => run.results[c.id] && !rerunning.has(c.id)).length;
  return done / run.checks.length;
}

/** The text symbol shown beside each status, so status never depends on colour alone. */
export const STATUS_SYMBOL: Record<CheckStatus | 'pending' | 'not-run' | 'unchecked' | 'running', string> = {
  pass: '✓',
  warn: '!',
  fail: '✗',
  error: '⚠',
  skip: '–',
  pending: '…',
  running: '…',
  'not-run': '○',
  unchecked: '?',
};
