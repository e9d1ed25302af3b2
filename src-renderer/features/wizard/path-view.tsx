import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { useConsole, type ClusterSummaryValue } from '../../shell/console-state';
import { ErrorText } from '../../ui/error-text';
import { guideSection } from '../../ui/message-text';
import { LearnLinks } from '../../ui/learn-link-buttons';
import { pathLearnPages } from '../../ui/learn-links';
import { setProductionMark, useProductionMark } from '../../ui/production-marks';
import { describeError, useAsync } from '../../ui/use-async';
import { checklistRows } from '../checklist';
import { InlineChecks } from './inline-checks';
import { DataFlowDiagram } from './data-flow-diagram';
import { deriveHops } from './hop-status';
import { HopDetails } from './hop-details';
import { ReasonText } from './path-list';
import { PathActions } from './path-actions';
import { SCENARIO_FLOWS, type HopKind } from './scenario-flows';
import { sameId } from './wizard-machine';
import type { RankedPathValue } from './types';

/** One path in depth: its data-flow diagram, its steps with the checks inline, and its actions. */
export function PathView({ cluster, path, operatorIp }: { cluster: ClusterSummaryValue; path: RankedPathValue; operatorIp: string | null }) {
  const { t, i18n } = useTranslation();
  const { run, dispatchRun } = useConsole();
  const [selectedHop, setSelectedHop] = useState<HopKind>();
  const production = useProductionMark(cluster.id);
  const [runError, setRunError] = useState<{ code: string; message: string }>();
  const loadTopology = useCallback(() => call('azure.topology', { clusterId: cluster.id }), [cluster.id]);
  const topology = useAsync(loadTopology);
  const flow = SCENARIO_FLOWS[path.id];
  const myRun = run && sameId(run.clusterId, cluster.id) && run.pathId === path.id ? run : undefined;
  const { hops } = useMemo(
    () => deriveHops(flow, myRun?.checks ?? [], myRun ? checklistRows(myRun).flatMap((r) => (r.result ? [r.result] : [])) : []),
    [flow, myRun],
  );
  const hop = hops.find((h) => h.kind === selectedHop);
  const steps = t(`wizard.steps.${path.id}`, { returnObjects: true }) as unknown;

  async function runChecks() {
    setRunError(undefined);
    try {
      const started = await call('checklist.run', {
        clusterId: cluster.id,
        pathId: path.id,
        ...(path.jumpBoxId ? { jumpBoxId: path.jumpBoxId } : {}),
        ...(path.bastionId ? { bastionId: path.bastionId } : {}),
        ...(operatorIp ? { operatorIp } : {}),
      });
      dispatchRun({ type: 'started', runId: started.runId, clusterId: cluster.id, pathId: path.id, checks: started.checks, at: Date.now() });
    } catch (error) {
      setRunError(describeError(error));
    }
  }

  return (
    <article className="path-view" data-testid="path-view" data-path={path.id}>
      <h2>
        <span className="scenario-tag">{guideSection(i18n, path.scenario)}</span> {t(`wizard.paths.${path.id}`)}
      </h2>
      <p>{t(`wizard.pathIntro.${path.id}`)}</p>
      <LearnLinks pages={pathLearnPages(path.scenario)} />
      <label className="choice">
        <input type="checkbox" checked={production} onChange={(e) => setProductionMark(cluster.id, e.target.checked)} data-testid="production-mark" />
        {t('wizard.productionMark')}
      </label>
      {path.reasons.length > 0 && (
        <ul aria-label={t('wizard.reasons')}>{path.reasons.map((r, i) => <li key={i}><ReasonText reason={r} /></li>)}</ul>
      )}
      <DataFlowDiagram flow={flow} hops={hops} selected={selectedHop} onSelect={setSelectedHop} />
      {hop && <HopDetails hop={hop} />}
      <h3>{t('wizard.stepsHeading')}</h3>
      {Array.isArray(steps) && (
        <ol className="scenario-steps">{steps.map((s, i) => <li key={i}>{String(s)}</li>)}</ol>
      )}
      <InlineChecks run={myRun} onRun={() => void runChecks()} />
      {runError && <ErrorText {...runError} />}
      <h3>{t('wizard.actionsHeading')}</h3>
      {topology.status === 'error' && <ErrorText code={topology.code} message={topology.message} params={topology.params} />}
      <PathActions cluster={cluster} path={path} topology={topology.status === 'ready' ? topology.value : undefined} />
    </article>
  );
}
