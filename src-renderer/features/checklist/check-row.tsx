import { useTranslation } from 'react-i18next';
import { StatusLabel } from '../../ui/status-label';
import type { ChecklistRow } from './checklist-model';
import { CheckRowDetails } from './check-row-details';
import { checkTitle } from './check-title';

/**
 * One row of the checklist: status, translated title, duration, details, and a Re-run button named
 * after the check for screen readers. While any pass of the run is going the button stays focusable
 * but inert (aria-disabled), so the keyboard focus is not thrown out when the row starts running.
 */
export function CheckRow({ row, busy, onRerun }: { row: ChecklistRow; busy: boolean; onRerun: (checkId: string) => void }) {
  const { t } = useTranslation();
  const title = checkTitle(t, row.id, row.title);
  return (
    <li className={`check-row row-${row.status}`} data-check={row.id} data-status={row.status}>
      <div className="check-head">
        <StatusLabel status={row.status} />
        <span className="check-title">{title}</span>
        {row.result && <span className="muted small">{t('checklist.took', { ms: Math.round(row.result.durationMs) })}</span>}
        <button
          type="button"
          className="secondary check-rerun"
          aria-disabled={busy}
          aria-label={t('checklist.rerunCheckNamed', { title })}
          onClick={() => !busy && onRerun(row.id)}
          data-testid="check-rerun"
        >
          {t('checklist.rerunCheck')}
        </button>
      </div>
      {row.result && <CheckRowDetails result={row.result} open={row.status === 'fail' || row.status === 'error'} />}
    </li>
  );
}
