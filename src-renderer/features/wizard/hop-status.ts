/**
 * Derives each hop's state from the checks placed on it: the worst result wins, so a hop with one
 * failing check shows as failing even when its other checks pass.
 */
import { placeCheck, type HopKind, type ScenarioFlow } from './scenario-flows';
import type { CheckResultValue, CheckStatusValue } from './types';

/** A hop's state in the diagram; `unchecked` when no check covers it (yet). */
export type HopState = CheckStatusValue | 'unchecked' | 'running';

/** One hop with its state and the checks behind it. */
export interface HopView {
  readonly kind: HopKind;
  readonly state: HopState;
  readonly checks: readonly CheckResultValue[];
  readonly pendingCheckIds: readonly string[];
}

const SEVERITY: Record<CheckStatusValue, number> = { fail: 5, error: 4, warn: 3, pass: 2, skip: 1 };

/** The worse of two statuses. */
export function worstStatus(a: CheckStatusValue, b: CheckStatusValue): CheckStatusValue {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/** Every hop of the flow with its state, plus the checks no hop claims. */
export function deriveHops(
  flow: ScenarioFlow,
  checks: ReadonlyArray<{ id: string; hops: readonly HopKind[] }>,
  results: readonly CheckResultValue[],
): { hops: HopView[]; unplaced: CheckResultValue[] } {
  const byHop = new Map<HopKind, CheckResultValue[]>();
  const pending = new Map<HopKind, string[]>();
  const unplaced: CheckResultValue[] = [];
  const finished = new Set(results.map((r) => r.checkId));
  for (const result of results) {
    const hop = placeCheck(flow, result.hops);
    if (hop) byHop.set(hop, [...(byHop.get(hop) ?? []), result]);
    else unplaced.push(result);
  }
  for (const check of checks) {
    if (finished.has(check.id)) continue;
    const hop = placeCheck(flow, check.hops);
    if (hop) pending.set(hop, [...(pending.get(hop) ?? []), check.id]);
  }
  const hops = flow.hops.map((kind): HopView => {
    const mine = byHop.get(kind) ?? [];
    const waiting = pending.get(kind) ?? [];
    const worst = mine.reduce<CheckStatusValue | undefined>((acc, r) => (acc ? worstStatus(acc, r.status) : r.status), undefined);
    const state: HopState = worst && worst !== 'pass' && worst !== 'skip' ? worst : waiting.length > 0 ? 'running' : (worst ?? 'unchecked');
    return { kind, state, checks: mine, pendingCheckIds: waiting };
  });
  return { hops, unplaced };
}
