import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentProblems, formatSize, MAX_FILES, MAX_TOTAL_BYTES, readAttachedFile, totalBytes, type AttachedFile, type AttachmentProblem } from './attached-files';

function problemKey(problem: AttachmentProblem): string {
  return problem.kind === 'duplicate' || problem.kind === 'bad-name' ? `${problem.kind}:${problem.name}` : problem.kind;
}

/**
 * The "Attach files" control of command invoke: a native, labelled file picker (keyboard operable
 * as the platform makes it), the attached files with size and a remove button each, the totals
 * against the limits, and every problem shown before anything is sent.
 */
export function AttachFiles({ files, onChange, disabled }: { files: readonly AttachedFile[]; onChange: (files: AttachedFile[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const limitsId = useId();
  const [reading, setReading] = useState(false);
  const problems = attachmentProblems(files);

  async function picked(e: ChangeEvent<HTMLInputElement>) {
    const input = e.currentTarget;
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return;
    setReading(true);
    try {
      onChange([...files, ...(await Promise.all(chosen.map(readAttachedFile)))]);
    } finally {
      setReading(false);
      input.value = ''; // so picking the same file again (after removing it) fires a change
    }
  }

  const describe = (problem: AttachmentProblem): string => {
    switch (problem.kind) {
      case 'too-many':
        return t('commandInvoke.files.tooMany', { count: problem.count, max: MAX_FILES });
      case 'too-large':
        return t('commandInvoke.files.tooLarge', { size: formatSize(problem.total), max: formatSize(MAX_TOTAL_BYTES) });
      case 'duplicate':
        return t('commandInvoke.files.duplicate', { name: problem.name });
      case 'bad-name':
        return t('commandInvoke.files.badName', { name: problem.name });
    }
  };

  return (
    <fieldset className="attach-files" data-testid="invoke-files">
      <legend>{t('commandInvoke.files.legend')}</legend>
      <label htmlFor={inputId}>{t('commandInvoke.files.attach')}</label>{' '}
      <input id={inputId} type="file" multiple disabled={disabled || reading} onChange={(e) => void picked(e)} aria-describedby={limitsId} data-testid="invoke-attach" />
      <p id={limitsId} className="muted small" data-testid="invoke-files-total">
        {t('commandInvoke.files.total', { count: files.length, size: formatSize(totalBytes(files)), maxFiles: MAX_FILES, maxSize: formatSize(MAX_TOTAL_BYTES) })}{' '}
        {t('commandInvoke.files.where')}
      </p>
      {reading && <p role="status" className="muted small">{t('commandInvoke.files.reading')}</p>}
      {files.length > 0 && (
        <ul className="attached-files" aria-label={t('commandInvoke.files.list')}>
          {files.map((file, index) => (
            <li key={`${index}:${file.name}`} data-file={file.name}>
              <span className="mono">{file.name}</span> <span className="muted small">{formatSize(file.size)}</span>{' '}
              <button type="button" className="secondary" disabled={disabled} onClick={() => onChange(files.filter((_, i) => i !== index))} aria-label={t('commandInvoke.files.removeNamed', { name: file.name })}>
                {t('commandInvoke.files.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <ul role="alert" className="text-error" data-testid="invoke-file-problems">
          {problems.map((problem) => (
            <li key={problemKey(problem)} data-problem={problem.kind}>{describe(problem)}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
