import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { StatusLabel } from '../../ui/status-label';
import { checklistRows, progress, type ChecklistRunState, checkTitle } from '../checklist';

/** The path's prerequisites, checked inline: a compact list of the run's checks and their status. */
export function InlineChecks({ run, onRun }: { run: ChecklistRunState | undefined; onRun: () => void }) {
  const { t } = useTranslation();
  const { go } = useConsole();
  const running = run?.state === 'running';
  return (
    <section className="inline-checks" aria-labelledby="inline-checks-title" data-testid="inline-checks">
      <h3 id="inline-checks-title">{t('wizard.prerequisites')}</h3>
      <div className="toolbar">
        {/* aria-disabled, not disabled: the button keeps focus while the checks run (the outcome is announced). */}
        <button type="button" onClick={() => !running && onRun()} aria-disabled={running} data-testid="run-checks">
          {run ? t('checklist.rerunAll') : t('wizard.checkPrerequisites')}
        </button>
        {running && (
          <button type="button" className="secondary" onClick={() => void call('checklist.cancel', { runId: run.runId })}>
            {t('checklist.cancel')}
          </button>
        )}
        {run && <button type="button" className="secondary" onClick={() => go('checklist')} data-testid="open-checklist">{t('wizard.openChecklist')}</button>}
      </div>
      {run && (
        <>
          <progress value={progress(run)} max={1} aria-label={t('checklist.progress')} />
          <ul className="inline-check-list">
            {checklistRows(run).map((row) => (
              <li key={row.id} data-check={row.id} data-status={row.status}>
                <StatusLabel status={row.status} /> {checkTitle(t, row.id, row.title)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
