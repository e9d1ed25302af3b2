import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The wizard area (filled in by its own feature work). */
export function WizardScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="wizard" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
