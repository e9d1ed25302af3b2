import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The terminals area (filled in by its own feature work). */
export function TerminalsScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="terminals" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
