import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ModalDialog } from '../../ui/modal-dialog';
import { describeError } from '../../ui/use-async';
import { errorLine } from '../../ui/message-text';

/** Asks before opening a link printed by the remote side; main then applies its host allow-list. */
export function LinkDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<string>();
  async function open() {
    try {
      const { opened } = await call('links.open', { url });
      if (opened) onClose();
      else setProblem(t('ui.linkRefused'));
    } catch (e) {
      setProblem(errorLine(i18n, describeError(e)));
    }
  }
  return (
    <ModalDialog title={t('terminals.link.title')} onClose={onClose} testId="link-dialog">
      <p>{t('terminals.link.body')}</p>
      <p className="mono break" data-testid="link-url">{url}</p>
      {problem && <p role="alert" className="text-error">{problem}</p>}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onClose} data-autofocus>{t('ui.cancel')}</button>
        <button type="button" onClick={() => void open()}>{t('terminals.link.open')}</button>
      </div>
    </ModalDialog>
  );
}
