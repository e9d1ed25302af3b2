import { useTranslation } from 'react-i18next';

/** An operator-facing error: main's plain message and its code, announced to screen readers. */
export function ErrorText({ code, message }: { code: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p role="alert" className="text-error" data-testid="error-text" data-code={code}>
      {t('status.error', { code, message })}
    </p>
  );
}
