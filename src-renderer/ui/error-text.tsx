import { useTranslation } from 'react-i18next';
import { problemHeadlineKey } from './problem-text';

/** An operator-facing error: main's plain message and its code, announced to screen readers. */
export function ErrorText({ code, message }: { code: string; message: string }) {
  const { t } = useTranslation();
  const headline = problemHeadlineKey(code);
  return (
    <p role="alert" className="text-error" data-testid="error-text" data-code={code}>
      {headline && <strong>{t(headline)} </strong>}
      {t('status.error', { code, message })}
    </p>
  );
}
