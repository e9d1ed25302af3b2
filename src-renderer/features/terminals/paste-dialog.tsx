import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../ui/modal-dialog';
import { visualizeControlCharacters, type PasteVerdict } from './paste-firewall';

/**
 * The paste preview: what will be sent (control characters made visible and removed), why it was
 * held, and — for destructive verbs on a production cluster — a second, explicit confirmation.
 * Cancel is the default; Enter alone never sends a held paste.
 */
export function PasteDialog({ verdict, cluster, onDecide }: { verdict: PasteVerdict; cluster: string | undefined; onDecide: (text: string | undefined) => void }) {
  const { t } = useTranslation();
  const [intend, setIntend] = useState(false);
  const blocked = verdict.needsExtraConfirmation && !intend;
  return (
    <ModalDialog title={t('terminals.paste.title')} onClose={() => onDecide(undefined)} tone={verdict.needsExtraConfirmation ? 'danger' : 'normal'} testId="paste-dialog">
      <ul>
        {verdict.reasons.map((r) => (
          <li key={r}>{t(`terminals.paste.reasons.${r}`, { lines: verdict.lineCount, count: verdict.controlCharacterCount })}</li>
        ))}
      </ul>
      <pre className="paste-preview" tabIndex={0} aria-label={t('terminals.paste.preview')} data-testid="paste-preview">
        {visualizeControlCharacters(verdict.original)}
      </pre>
      {verdict.controlCharacterCount > 0 && <p className="muted">{t('terminals.paste.stripped')}</p>}
      {verdict.needsExtraConfirmation && (
        <div className="danger-panel">
          <p>{t('terminals.paste.destructive', { cluster: cluster ?? '' })}</p>
          <ul className="mono">{verdict.destructive.map((d, i) => <li key={i}>{d.command}</li>)}</ul>
          <label className="choice">
            <input type="checkbox" checked={intend} onChange={(e) => setIntend(e.target.checked)} data-testid="paste-intend" />
            {t('terminals.paste.intend')}
          </label>
        </div>
      )}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={() => onDecide(undefined)} data-autofocus data-testid="paste-cancel">{t('ui.cancel')}</button>
        <button type="button" className={verdict.needsExtraConfirmation ? 'danger' : undefined} disabled={blocked} onClick={() => onDecide(verdict.sanitized)} data-testid="paste-confirm">
          {t('terminals.paste.send', { lines: verdict.lineCount })}
        </button>
      </div>
    </ModalDialog>
  );
}
