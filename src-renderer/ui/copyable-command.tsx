import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { powershellForm } from './shell-forms';
import { chooseShell, useShell } from './shell-choice';

/** Copies operator-chosen text to the clipboard; resolves false when the clipboard is unavailable. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A command the console's action is equivalent to, shown verbatim with a Copy button. */
export function CopyableCommand({ command, label }: { command: string | readonly string[]; label?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no'>();
  const shell = useShell();
  const posix = typeof command === 'string' ? command : command.join('\n');
  const powershell = powershellForm(posix);
  const text = shell === 'powershell' && powershell ? powershell : posix;
  return (
    <div className="command-box">
      <span className="command-label">{label ?? t('ui.equivalentCommand')}</span>
      <span role="group" aria-label={t('ui.shell.choose')} className="shell-choice">
        <button type="button" className="secondary" aria-pressed={shell === 'posix'} onClick={() => chooseShell('posix')}>{t('ui.shell.posix')}</button>
        <button type="button" className="secondary" aria-pressed={shell === 'powershell'} onClick={() => chooseShell('powershell')}>{t('ui.shell.powershell')}</button>
      </span>
      {shell === 'powershell' && !powershell && <span className="muted">{t('ui.shell.noPowerShellForm')}</span>}
      <pre tabIndex={0} aria-label={label ?? t('ui.equivalentCommand')}>
        <code>{text}</code>
      </pre>
      <button type="button" className="secondary" onClick={() => void copyText(text).then((ok) => setCopied(ok ? 'yes' : 'no'))}>
        {t('ui.copy')}
      </button>
      <span role="status" className="muted">{copied === 'yes' ? t('ui.copied') : copied === 'no' ? t('ui.copyFailed') : ''}</span>
    </div>
  );
}
