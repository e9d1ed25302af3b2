import { useTranslation } from 'react-i18next';
import { TERMINAL_LIMITS, updateTerminalSettings, useTerminalSettings } from '../terminals';

/** Terminal options: text size, scrollback, screen-reader mode, renderer, and the production guard. */
export function TerminalSettings() {
  const { t } = useTranslation();
  const s = useTerminalSettings();
  return (
    <fieldset data-testid="terminal-settings">
      <legend>{t('preferences.terminal.legend')}</legend>
      <label>
        {t('preferences.terminal.fontSize')}
        <input type="number" min={TERMINAL_LIMITS.fontSize[0]} max={TERMINAL_LIMITS.fontSize[1]} value={s.fontSize} onChange={(e) => updateTerminalSettings({ fontSize: Number(e.target.value) })} />
      </label>
      <label>
        {t('preferences.terminal.scrollback')}
        <input type="number" min={TERMINAL_LIMITS.scrollback[0]} max={TERMINAL_LIMITS.scrollback[1]} step={1000} value={s.scrollback} onChange={(e) => updateTerminalSettings({ scrollback: Number(e.target.value) })} />
      </label>
      <label className="choice">
        <input type="checkbox" checked={s.screenReaderMode} onChange={(e) => updateTerminalSettings({ screenReaderMode: e.target.checked })} data-testid="screen-reader-mode" />
        {t('preferences.terminal.screenReader')}
      </label>
      <label className="choice">
        <input type="checkbox" checked={s.preferDomRenderer} onChange={(e) => updateTerminalSettings({ preferDomRenderer: e.target.checked })} />
        {t('preferences.terminal.domRenderer')}
      </label>
      <label className="choice">
        <input type="checkbox" checked={s.guardDestructive} onChange={(e) => updateTerminalSettings({ guardDestructive: e.target.checked })} />
        {t('preferences.terminal.guardDestructive')}
      </label>
      <p className="muted small">{t('preferences.terminal.help')}</p>
    </fieldset>
  );
}
