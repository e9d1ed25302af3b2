import { useTranslation } from 'react-i18next';
import { STATUS_SYMBOL } from '../features/checklist/checklist-model';

/** Every status a check, hop or row can be in. */
export type AnyStatus = keyof typeof STATUS_SYMBOL;

/** A status as symbol plus word, coloured too, so it never depends on colour alone. */
export function StatusLabel({ status }: { status: AnyStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span aria-hidden="true" className="status-symbol">{STATUS_SYMBOL[status]}</span> {t(`ui.status.${status}`)}
    </span>
  );
}
