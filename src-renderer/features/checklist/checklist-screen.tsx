import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { AreaIntro } from '../../ui/area-intro';
import { ErrorText } from '../../ui/error-text';
import { describeError } from '../../ui/use-async';
import { fileActionError, type FileChoice } from '../../ui/file-choice';
import { checklistRows, progress, summarize, type ChecklistRunState } from './checklist-model';
import { CheckRow } from './check-row';
import { exportWording } from './export-wording';

type Exported = InvokeResponse<'checklist.export'>;

/** The troubleshooting checklist: live results, evidence, remediation, re-run, cancel, export. */
export function ChecklistScreen() {
  const { t, i18n } = useTranslation();
  const { run, dispatchRun, wizard, cluster, go } = useConsole();
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [exported, setExported] = useState<Exported>();
  const [error, setError] = useState<{ code: string; message: string }>();
  /** Which private key main compares with the VM's keys on the next full run (main reads it; the renderer never names it). */
  const [keyChoice, setKeyChoice] = useState<'' | FileChoice>('');

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
        ...(keyChoice ? { privateKey: keyChoice } : {}),
      });
      dispatchRun({ type: 'started', runId: started.runId, clusterId: current.clusterId, pathId: current.pathId, checks: started.checks, at: Date.now() });
    } catch (e) {
      setError(fileActionError(e));
    }
  }

  async function rerunCheck(current: ChecklistRunState, checkId: string) {
    if (current.state === 'running') return;
    setError(undefined);
    setExported(undefined);
    // Marked running before the call: a quick check's result may arrive before the call's answer.
    dispatchRun({ type: 'rerun-started', runId: current.runId, checkIds: [checkId] });
    try {
      await call('checklist.rerun', { runId: current.runId, checkIds: [checkId] });
    } catch (e) {
      dispatchRun({ type: 'rerun-refused', runId: current.runId, state: current.state });
      setError(describeError(e));
    }
  }

  async function exportRun(format: 'markdown' | 'json') {
    setError(undefined);
    try {
      setExported(await call('checklist.export', { runId: run!.runId, format, wording: exportWording(i18n, run!) }));
    } catch (e) {
      setError(describeError(e));
    }
  }

  const counts = summarize(run);
  const rows = checklistRows(run).filter((r) => !onlyProblems || ['fail', 'error', 'warn', 'running'].includes(r.status));
  const running = run.state === 'running';
  return (
    <section aria-labelledby="area-title" aria-busy={running}>
      <AreaIntro area="checklist" />
      <p data-testid="checklist-heading">
        <strong>{cluster?.name ?? run.clusterId.split('/').at(-1)}</strong> · {t(`wizard.paths.${run.pathId}`)} · {t(`checklist.runStates.${run.state}`)}
      </p>
      <progress value={progress(run)} max={1} aria-label={t('checklist.progress')} />
      <p data-testid="checklist-summary">
        {t('checklist.summary', { pass: counts.pass, warn: counts.warn, fail: counts.fail, error: counts.error, skip: counts.skip, pending: counts.pending })}
      </p>
      <div className="toolbar">
        <label>
          {t('checklist.keyChoice.label')}{' '}
          <select value={keyChoice} onChange={(e) => setKeyChoice(e.target.value as '' | FileChoice)} data-testid="checklist-key-choice">
            <option value="">{t('checklist.keyChoice.none')}</option>
            <option value="default">{t('checklist.keyChoice.default')}</option>
            <option value="pick">{t('checklist.keyChoice.pick')}</option>
          </select>
        </label>
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
      {!i18n.language.startsWith('en') && <p className="muted small" data-testid="evidence-language-note">{t('checklist.evidenceInEnglish')}</p>}
      <ol className="checklist" data-testid="checklist">
        {rows.map((row) => <CheckRow key={row.id} row={row} busy={running} onRerun={(id) => void rerunCheck(run, id)} />)}
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
