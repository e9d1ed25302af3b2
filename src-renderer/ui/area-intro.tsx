import { useTranslation } from 'react-i18next';
import { useKeychainName } from './keychain-name';

/** The heading and one-paragraph purpose of an area, shown at the top of its screen. */
export function AreaIntro({ area }: { area: 'signin' | 'clusters' | 'wizard' | 'checklist' | 'terminals' | 'audit' }) {
  const { t } = useTranslation();
  const keychain = useKeychainName();
  return (
    <header className="area-intro">
      <h1 id="area-title" tabIndex={-1}>{t(`area.${area}.title`)}</h1>
      <p>{t(`area.${area}.intro`, { keychain })}</p>
    </header>
  );
}
