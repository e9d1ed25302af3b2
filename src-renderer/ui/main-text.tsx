import { useTranslation } from 'react-i18next';

/**
 * Free text main still writes in English only (evidence of checklist checks not coded yet, a broker's reason,
 * command invoke's reason). In English it is shown as is; in any other language only inside a
 * disclosure labelled as the untranslated original (lang="en"), never mid-sentence. Prefer a coded
 * message (CodedMessageText); this is for text that has no code yet.
 */
export function MainText({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  if (i18n.language === 'en') return <>{text}</>;
  return (
    <details className="message-original">
      <summary>{t('messages.originalLabel')}</summary>
      <span lang="en" data-untranslated-original="">
        {text}
      </span>
    </details>
  );
}

/** Lines of such text as a list (evidence, fix steps); outside English the whole list sits in one labelled disclosure. */
export function MainTextLines({ lines, ordered = false, label }: { lines: readonly string[]; ordered?: boolean; label?: string }) {
  const { t, i18n } = useTranslation();
  const items = lines.map((line, i) => <li key={i}>{line}</li>);
  const list = ordered ? <ol aria-label={label}>{items}</ol> : <ul className="evidence" aria-label={label}>{items}</ul>;
  if (i18n.language === 'en') return list;
  return (
    <details className="message-original">
      <summary>{t('messages.originalLabel')}</summary>
      <div lang="en" data-untranslated-original="">
        {list}
      </div>
    </details>
  );
}
