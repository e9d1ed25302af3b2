import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { ErrorText } from './error-text';
import { ModalDialog } from './modal-dialog';
import { describeError } from './use-async';

/** A file change main prepared and will apply only after the operator saw the diff. */
export type FileChangePreviewValue = InvokeResponse<'sshconfig.preview'>;

/** Shows the diff (credentials masked by main), the path and the backup; Apply writes it. */
export function FileChangeDialog({
  preview,
  onApply,
  onClose,
  testId,
}: {
  preview: FileChangePreviewValue;
  onApply: () => Promise<{ path: string; backupPath?: string | undefined }>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ path: string; backupPath?: string | undefined }>();
  const [error, setError] = useState<{ code: string; message: string }>();
  async function apply() {
    setBusy(true);
    setError(undefined);
    try {
      setDone(await onApply());
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <ModalDialog title={t('ui.fileChange.title')} onClose={onClose} testId={testId}>
      <p>{t(preview.exists ? 'ui.fileChange.changes' : 'ui.fileChange.creates', { path: preview.path })}</p>
      {preview.backupPath && <p className="muted">{t('ui.fileChange.backup', { path: preview.backupPath })}</p>}
      <pre className="diff" tabIndex={0} aria-label={t('ui.fileChange.diff')}>
        {preview.diff.split('\n').map((line, i) => (
          <span key={i} className={line.startsWith('+') ? 'diff-add' : line.startsWith('-') ? 'diff-del' : undefined}>{line}{'\n'}</span>
        ))}
      </pre>
      {error && <ErrorText {...error} />}
      {done && <p role="status" className="text-ok">{t('ui.fileChange.written', { path: done.path })}</p>}
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onClose} data-autofocus data-testid="file-change-close">{done ? t('ui.close') : t('ui.cancel')}</button>
        {!done && <button type="button" onClick={() => void apply()} disabled={busy} data-testid="file-change-apply">{t('ui.fileChange.apply')}</button>}
      </div>
    </ModalDialog>
  );
}
