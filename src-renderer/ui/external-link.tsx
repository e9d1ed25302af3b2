import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../ipc/bridge';
import { describeError } from './use-async';

/** A button that asks main to open an allow-listed https page in the operator's browser. */
export function ExternalLinkButton({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string>();
  async function open() {
    setProblem(undefined);
    try {
      const { opened } = await call('links.open', { url });
      if (!opened) setProblem(t('ui.linkRefused'));
    } catch (error) {
      const { code, message } = describeError(error);
      setProblem(t('status.error', { code, message }));
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
