import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../ipc/bridge';
import { describeError } from './use-async';
import { errorLine } from './message-text';

/** A button that asks main to open an allow-listed https page in the operator's browser. */
export function ExternalLinkButton({ url, label }: { url: string; label: string }) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<string>();
  async function open() {
    setProblem(undefined);
    try {
      const { opened } = await call('links.open', { url });
      if (!opened) setProblem(t('ui.linkRefused'));
    } catch (error) {
      setProblem(errorLine(i18n, describeError(error)));
    }
  }
  return (
    <span className="external-link">
      <button type="button" className="secondary" onClick={() => void open()} title={url}>
        {label} <span aria-hidden="true">↗</span>
      </button>
      {problem && <span className="text-error" role="alert">{problem}</span>}
    </span>
  );
}
