import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The clusters area (filled in by its own feature work). */
export function ClustersScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="clusters" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
