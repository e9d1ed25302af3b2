/**
 * State the areas share: the current area, the cluster the operator picked, the wizard's place and
 * the checklist run being followed. Checklist events are followed here, above the screens, so
 * results keep arriving while the operator looks at another area.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { hasBridge, subscribe } from '../ipc/bridge';
import { checklistReducer, type ChecklistEvent, type ChecklistRunState } from '../features/checklist/checklist-model';
import { INITIAL_WIZARD, wizardReducer, type WizardEvent, type WizardState } from '../features/wizard/wizard-machine';
import type { Area } from './areas';

/** One cluster as the inventory lists it. */
export type ClusterSummaryValue = InvokeResponse<'azure.inventory'>['clusters'][number];

/** What every area can read and change. */
export interface ConsoleContextValue {
  readonly area: Area;
  go(area: Area): void;
  readonly cluster: ClusterSummaryValue | undefined;
  /** Picks a cluster and opens the wizard on it. */
  connectTo(cluster: ClusterSummaryValue): void;
  readonly wizard: WizardState;
  dispatchWizard(event: WizardEvent): void;
  readonly run: ChecklistRunState | undefined;
  dispatchRun(event: ChecklistEvent): void;
  /** Sessions a wizard action opened, for the terminals area to show first. */
  readonly focusSessionId: string | undefined;
  openTerminal(sessionId: string): void;
}

const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

/** Provides the shared state to the shell. */
export function ConsoleStateProvider({ initialArea, children }: { initialArea: Area; children: ReactNode }) {
  const [area, setArea] = useState<Area>(initialArea);
  const [cluster, setCluster] = useState<ClusterSummaryValue>();
  const [wizard, dispatchWizard] = useReducer(wizardReducer, INITIAL_WIZARD);
  const [run, dispatchRun] = useReducer(checklistReducer, undefined);
  const [focusSessionId, setFocusSessionId] = useState<string>();

  useEffect(() => {
    if (!hasBridge()) return;
    const offResult = subscribe('checklist.result', ({ runId, result }) => dispatchRun({ type: 'result', runId, result }));
    const offFinished = subscribe('checklist.finished', ({ runId, state }) => dispatchRun({ type: 'finished', runId, state }));
    return () => {
      offResult();
      offFinished();
    };
  }, []);

  const connectTo = useCallback((next: ClusterSummaryValue) => {
    setCluster(next);
    dispatchWizard({ type: 'cluster-chosen', clusterId: next.id });
    setArea('wizard');
  }, []);

  const openTerminal = useCallback((sessionId: string) => {
    setFocusSessionId(sessionId);
    setArea('terminals');
  }, []);

  const value = useMemo<ConsoleContextValue>(
    () => ({ area, go: setArea, cluster, connectTo, wizard, dispatchWizard, run, dispatchRun, focusSessionId, openTerminal }),
    [area, cluster, connectTo, wizard, run, focusSessionId, openTerminal],
  );
  return <ConsoleContext.Provider value={value}>{children}</ConsoleContext.Provider>;
}

/** Reads the shared state; throws outside the provider (a wiring mistake, not an operator error). */
export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside ConsoleStateProvider');
  return value;
}
