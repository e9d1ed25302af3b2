import { useTranslation } from 'react-i18next';
import { ExternalLinkButton } from './external-link';
import { learnUrl, type LearnPage } from './learn-links';

/** Links to Microsoft Learn pages in the UI's language, opened through main's link policy. */
export function LearnLinks({ pages }: { pages: readonly LearnPage[] }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="learn-links" data-testid="learn-links">
      {pages.map((p) => (
        <ExternalLinkButton key={p.path} url={learnUrl(p.path, i18n.language)} label={t(`ui.learn.${p.label}`)} />
      ))}
    </span>
  );
}
