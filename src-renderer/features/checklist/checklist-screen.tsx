import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The checklist area (filled in by its own feature work). */
export function ChecklistScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="checklist" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
