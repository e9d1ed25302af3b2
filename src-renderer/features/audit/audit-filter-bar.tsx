import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES, AUDIT_TYPES, type AuditFilterForm } from './audit-filter';

/** The filter controls of the audit screen: type, outcome, free text, date range. */
export function AuditFilterBar({ value, onChange }: { value: AuditFilterForm; onChange: (next: AuditFilterForm) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof AuditFilterForm>(key: K, v: AuditFilterForm[K]) => onChange({ ...value, [key]: v });
  return (
    <form className="filter-bar" role="search" aria-label={t('audit.filterLabel')} onSubmit={(e) => e.preventDefault()} data-testid="audit-filter">
      <label>
        {t('audit.filter.type')}
        <select value={value.type} onChange={(e) => set('type', e.target.value as AuditFilterForm['type'])} data-testid="audit-filter-type">
          <option value="">{t('audit.filter.all')}</option>
          {AUDIT_TYPES.map((type) => <option key={type} value={type}>{t(`audit.types.${type}`)}</option>)}
        </select>
      </label>
      <label>
        {t('audit.filter.outcome')}
        <select value={value.outcome} onChange={(e) => set('outcome', e.target.value as AuditFilterForm['outcome'])} data-testid="audit-filter-outcome">
          <option value="">{t('audit.filter.all')}</option>
          {AUDIT_OUTCOMES.map((o) => <option key={o} value={o}>{t(`audit.outcomes.${o}`)}</option>)}
        </select>
      </label>
      <label>
        {t('audit.filter.text')}
        <input type="search" maxLength={200} value={value.text} onChange={(e) => set('text', e.target.value)} data-testid="audit-filter-text" />
      </label>
      <label>
        {t('audit.filter.since')}
        <input type="date" value={value.since} onChange={(e) => set('since', e.target.value)} />
      </label>
      <label>
        {t('audit.filter.until')}
        <input type="date" value={value.until} onChange={(e) => set('until', e.target.value)} />
      </label>
      <button type="button" className="secondary" onClick={() => onChange({ type: '', outcome: '', text: '', since: '', until: '' })}>{t('audit.filter.clear')}</button>
    </form>
  );
}
