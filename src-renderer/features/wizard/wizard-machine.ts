/**
 * The wizard's state machine: choose a cluster → see its ranked paths → open one path (diagram,
 * steps with inline checks, actions). Pure: the screen dispatches events and renders the state.
 */
import type { PathIdValue, PathRankingValue, RankedPathValue } from './types';

/** Where the wizard is. */
export type WizardState =
  | { readonly step: 'choose-cluster' }
  | { readonly step: 'loading-paths'; readonly clusterId: string }
  | { readonly step: 'paths-failed'; readonly clusterId: string; readonly code: string; readonly message: string }
  | { readonly step: 'choose-path'; readonly clusterId: string; readonly ranking: PathRankingValue }
  | { readonly step: 'path'; readonly clusterId: string; readonly ranking: PathRankingValue; readonly pathId: PathIdValue };

/** What can happen to it. */
export type WizardEvent =
  | { readonly type: 'cluster-chosen'; readonly clusterId: string }
  | { readonly type: 'ranking-loaded'; readonly ranking: PathRankingValue }
  | { readonly type: 'ranking-failed'; readonly clusterId: string; readonly code: string; readonly message: string }
  | { readonly type: 'path-chosen'; readonly pathId: PathIdValue }
  | { readonly type: 'back' }
  | { readonly type: 'reload' };

/** The starting state. */
export const INITIAL_WIZARD: WizardState = { step: 'choose-cluster' };

/** Applies one event; events that do not fit the current step leave it unchanged. */
export function wizardReducer(state: WizardState, event: WizardEvent): WizardState {
  switch (event.type) {
    case 'cluster-chosen':
      return { step: 'loading-paths', clusterId: event.clusterId };
    case 'reload':
      return state.step === 'choose-cluster' ? state : { step: 'loading-paths', clusterId: state.clusterId };
    case 'ranking-loaded':
      if (state.step !== 'loading-paths' || !sameId(event.ranking.clusterId, state.clusterId)) return state;
      return { step: 'choose-path', clusterId: state.clusterId, ranking: event.ranking };
    case 'ranking-failed':
      if (state.step !== 'loading-paths' || !sameId(event.clusterId, state.clusterId)) return state;
      return { step: 'paths-failed', clusterId: state.clusterId, code: event.code, message: event.message };
    case 'path-chosen':
      if (state.step !== 'choose-path' && state.step !== 'path') return state;
      if (!state.ranking.paths.some((p) => p.id === event.pathId)) return state;
      return { step: 'path', clusterId: state.clusterId, ranking: state.ranking, pathId: event.pathId };
    case 'back':
      if (state.step === 'path') return { step: 'choose-path', clusterId: state.clusterId, ranking: state.ranking };
      return INITIAL_WIZARD;
  }
}

/** ARM ids compare case-insensitively. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The chosen path of a `path` state. */
export function chosenPath(state: WizardState): RankedPathValue | undefined {
  return state.step === 'path' ? state.ranking.paths.find((p) => p.id === state.pathId) : undefined;
}

/** Paths in display order: by rank, available first, not-applicable last. */
export function orderedPaths(ranking: PathRankingValue): RankedPathValue[] {
  const weight = { available: 0, 'available-after-fix': 1, 'not-applicable': 2 } as const;
  return [...ranking.paths].sort((a, b) => weight[a.availability] - weight[b.availability] || a.rank - b.rank);
}

/** Actions the console can take on a path (guidance-only paths offer links only). */
export type WizardAction = 'jit' | 'bastion-terminal' | 'direct-terminal' | 'tunnel' | 'kubeconfig' | 'command-invoke' | 'vscode' | 'portal' | 'cloud-shell';

/** Which actions a path offers, in the order the operator usually takes them. */
export function actionsFor(path: RankedPathValue): WizardAction[] {
  switch (path.id) {
    case 'bastion-jumpbox':
      return ['jit', 'bastion-terminal', 'tunnel', 'kubeconfig', 'vscode'];
    case 'bastion-apiserver':
      return ['tunnel', 'kubeconfig'];
    case 'vpn':
    case 'expressroute':
      return ['jit', 'direct-terminal', 'tunnel', 'kubeconfig', 'vscode'];
    case 'ssh-jumpbox':
      return ['jit', 'direct-terminal', 'tunnel', 'kubeconfig', 'vscode'];
    case 'command-invoke':
      return ['command-invoke', 'portal'];
    case 'public-internet':
      return ['portal', 'cloud-shell'];
    case 'cloud-shell':
    case 'cloud-shell-vnet':
    case 'avd':
    case 'aci-ssh':
      return ['cloud-shell', 'portal'];
  }
}
