import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The audit area (filled in by its own feature work). */
export function AuditScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="audit" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
