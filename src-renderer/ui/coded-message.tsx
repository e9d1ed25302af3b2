import { useTranslation } from 'react-i18next';
import { wordMessage, type CodedMessage } from './message-text';

/**
 * A message from main in the operator's language. When the language has no wording for its code,
 * main's English follows only inside a disclosure labelled as the untranslated original (lang="en").
 */
export function CodedMessageText({ message }: { message: CodedMessage }) {
  const { t, i18n } = useTranslation();
  const worded = wordMessage(i18n, message);
  return (
    <span data-message-code={message.code}>
      {worded.text}
      {worded.untranslatedOriginal && (
        <details className="message-original">
          <summary>{t('messages.originalLabel')}</summary>
          <span lang="en" data-untranslated-original="">
            {worded.untranslatedOriginal}
          </span>
        </details>
      )}
    </span>
  );
}
