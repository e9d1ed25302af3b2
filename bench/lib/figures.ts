/**
 * The headline figures of a bench run, collected for the summary `npm run bench` prints at the end:
 * each bench reports a figure with the goal it is held to (issue 15's table), and
 * `bench/lib/print-figures.ts` prints them side by side. Outside `npm run bench` (no
 * AKS_BENCH_FIGURES), reporting does nothing: the bench's own lines are the output.
 */
import { appendFileSync } from 'node:fs';

/** A goal a figure is held to: at least or at most `value`. */
export interface Goal {
  readonly atLeast?: number;
  readonly atMost?: number;
}

/** One figure as reported: what it is, its value in `unit`, the baseline it is measured against, and its goal. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly goal?: Goal;
}

/** Records one figure for the run's summary (a JSON line in the file AKS_BENCH_FIGURES names). */
export function reportFigure(figure: Figure): void {
  const file = process.env.AKS_BENCH_FIGURES;
  if (!file || !Number.isFinite(figure.value)) return;
  appendFileSync(file, `${JSON.stringify({ ...figure, bench: process.argv[1]?.split('/').pop() })}\n`);
}

/** Whether a figure meets its goal (undefined: it has none). */
export function meetsGoal(value: number, goal: Goal | undefined): boolean | undefined {
  if (!goal) return undefined;
  return (goal.atLeast === undefined || value >= goal.atLeast) && (goal.atMost === undefined || value <= goal.atMost);
}

/** The goal as a person reads it ("≥ 0.6", "≤ 50"). */
export function goalText(goal: Goal | undefined): string {
  if (!goal) return '–';
  return [goal.atLeast !== undefined ? `≥ ${goal.atLeast}` : '', goal.atMost !== undefined ? `≤ ${goal.atMost}` : ''].filter(Boolean).join(' and ');
}
