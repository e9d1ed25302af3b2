import { useTranslation } from 'react-i18next';
import { AreaIntro } from '../../ui/area-intro';

/** The signin area (filled in by its own feature work). */
export function SignInScreen() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="area-title">
      <AreaIntro area="signin" />
      <p className="muted">{t('area.notConnected')}</p>
    </section>
  );
}
