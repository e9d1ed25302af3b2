import { useTranslation } from 'react-i18next';
import { CodedMessageText } from './coded-message';

/** An operator-facing error: main's code and params worded in the operator's language, announced to screen readers. */
export function ErrorText({ code, message, params }: { code: string; message: string; params?: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="text-error" data-testid="error-text" data-code={code}>
      {t('messages.errorPrefix')} <CodedMessageText message={{ code, text: message, params }} /> <span className="error-code">({code})</span>
    </div>
  );
}
