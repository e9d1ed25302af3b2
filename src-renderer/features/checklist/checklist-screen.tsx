import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { AreaIntro } from '../../ui/area-intro';
import { ErrorText } from '../../ui/error-text';
import { StatusLabel } from '../../ui/status-label';
import { describeError } from '../../ui/use-async';
import { checklistRows, progress, summarize, type ChecklistRunState } from './checklist-model';
import { CheckRowDetails } from './check-row-details';

type Exported = InvokeResponse<'checklist.export'>;

/** The troubleshooting checklist: live results, evidence, remediation, re-run, cancel, export. */
export function ChecklistScreen() {
  const { t } = useTranslation();
  const { run, dispatchRun, wizard, cluster, go } = useConsole();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [exported, setExported] = useState<Exported>();
  const [error, setError] = useState<{ code: string; message: string }>();

  if (!run) {
    return (
      <section aria-labelledby="area-title">
        <AreaIntro area="checklist" />
        <p>{t('checklist.noRun')}</p>
        <button type="button" onClick={() => go(cluster ? 'wizard' : 'clusters')}>{cluster ? t('checklist.goToWizard') : t('wizard.goToClusters')}</button>
      </section>
    );
  }

  async function rerun(current: ChecklistRunState) {
    setError(undefined);
    setExported(undefined);
    const path = wizard.step === 'path' || wizard.step === 'choose-path' ? wizard.ranking.paths.find((p) => p.id === current.pathId) : undefined;
    try {
      const started = await call('checklist.run', {
        clusterId: current.clusterId,
        pathId: current.pathId,
        ...(path?.jumpBoxId ? { jumpBoxId: path.jumpBoxId } : {}),
        ...(path?.bastionId ? { bastionId: path.bastionId } : {}),
        ...(wizard.step !== 'choose-cluster' && wizard.step !== 'loading-paths' && wizard.step !== 'paths-failed' && wizard.ranking.operatorIp ? { operatorIp: wizard.ranking.operatorIp } : {}),
      });
      dispatchRun({ type: 'started', runId: started.runId, clusterId: current.clusterId, pathId: current.pathId, checks: started.checks, at: Date.now() });
    } catch (e) {
      setError(describeError(e));
    }
  }

  async function exportRun(format: 'markdown' | 'json') {
    setError(undefined);
    try {
      setExported(await call('checklist.export', { runId: run!.runId, format }));
    } catch (e) {
      setError(describeError(e));
    }
  }

  const counts = summarize(run);
  const rows = checklistRows(run).filter((r) => !onlyProblems || ['fail', 'error', 'warn'].includes(r.status));
  const running = run.state === 'running';
  return (
    <section aria-labelledby="area-title" aria-busy={running}>
      <AreaIntro area="checklist" />
      <p data-testid="checklist-heading">
        <strong>{cluster?.name ?? run.clusterId.split('/').at(-1)}</strong> · {t(`wizard.paths.${run.pathId}`)} · {t(`checklist.runStates.${run.state}`)}
      </p>
      <progress value={progress(run)} max={1} aria-label={t('checklist.progress')} />
      <p role="status" data-testid="checklist-summary">
        {t('checklist.summary', { pass: counts.pass, warn: counts.warn, fail: counts.fail, error: counts.error, skip: counts.skip, pending: counts.pending })}
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void rerun(run)} disabled={running} data-testid="checklist-rerun">{t('checklist.rerunAll')}</button>
        <button type="button" className="secondary" onClick={() => void call('checklist.cancel', { runId: run.runId })} disabled={!running} data-testid="checklist-cancel">{t('checklist.cancel')}</button>
        <button type="button" className="secondary" onClick={() => void exportRun('markdown')} disabled={running}>{t('checklist.exportMarkdown')}</button>
        <button type="button" className="secondary" onClick={() => void exportRun('json')} disabled={running}>{t('checklist.exportJson')}</button>
        <label className="choice">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          {t('checklist.onlyProblems')}
        </label>
      </div>
      {error && <ErrorText {...error} />}
      <ol className="checklist" data-testid="checklist">
        {rows.map((row) => (
          <li key={row.id} className={`check-row row-${row.status}`} data-check={row.id} data-status={row.status}>
            <div className="check-head">
              <StatusLabel status={row.status} />
              <span className="check-title">{row.title}</span>
              {row.result && <span className="muted small">{t('checklist.took', { ms: Math.round(row.result.durationMs) })}</span>}
            </div>
            {row.result && <CheckRowDetails result={row.result} open={row.status === 'fail' || row.status === 'error'} />}
          </li>
        ))}
      </ol>
      {exported && <ExportPreview exported={exported} />}
    </section>
  );
}

function ExportPreview({ exported }: { exported: Exported }) {
  const { t } = useTranslation();
  const href = useMemo(() => URL.createObjectURL(new Blob([exported.content], { type: exported.mimeType })), [exported]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <section aria-labelledby="export-title" className="panel" data-testid="checklist-export">
      <h2 id="export-title">{t('checklist.exported', { name: exported.fileName })}</h2>
      <a href={href} download={exported.fileName}>{t('checklist.save', { name: exported.fileName })}</a>
      <pre tabIndex={0} className="export-preview" aria-label={exported.fileName}>{exported.content}</pre>
    </section>
  );
}
