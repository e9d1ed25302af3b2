import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text';
import type { InvokeRequest } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { describeError, useAsync } from '../../ui/use-async';
import { EffectiveProxy } from './effective-proxy';
import { PolicyInForce } from './policy-in-force';
import { TerminalSettings } from './terminal-settings';
import type { SettingsValue } from './use-settings';

const LANGUAGES = ['en', 'ja'] as const;
const THEMES = ['system', 'light', 'dark', 'high-contrast'] as const;
const loadAppInfo = () => call('app.info');

/** Language, theme and the console's own facts. Changes are saved in main and echoed back as an event. */
export function SettingsScreen({ settings }: { settings: SettingsValue | undefined }) {
  const { t } = useTranslation();
  const info = useAsync(loadAppInfo);
  // Keep the message as a key, not text, so it follows a language switch.
  const [message, setMessage] = useState<{ kind: 'ok'; key: string } | { kind: 'error'; error: ReturnType<typeof describeError> }>();

  async function save(patch: InvokeRequest<'settings.update'>) {
    try {
      await call('settings.update', patch);
      setMessage({ kind: 'ok', key: 'settings.saved' });
    } catch (error) {
      setMessage({ kind: 'error', error: describeError(error) });
    }
  }

  return (
    <section aria-labelledby="area-title">
      <header className="area-intro">
        <h1 id="area-title" tabIndex={-1}>{t('settings.title')}</h1>
      </header>
      {settings && (
        <form className="settings-form" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('settings.language')}</legend>
            <p className="muted" id="language-help">{t('settings.languageHelp')}</p>
            {LANGUAGES.map((lang) => (
              <label key={lang} className="choice">
                <input type="radio" name="language" value={lang} checked={settings.language === lang} aria-describedby="language-help" onChange={() => void save({ language: lang })} />
                <span lang={lang}>{t(`settings.languages.${lang}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('settings.theme')}</legend>
            {THEMES.map((theme) => (
              <label key={theme} className="choice">
                <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => void save({ theme })} />
                <span>{t(`settings.themes.${theme}`)}</span>
              </label>
            ))}
          </fieldset>
        </form>
      )}
      <TerminalSettings />
      <PolicyInForce />
      <EffectiveProxy />
      <p role="status" className={message?.kind === 'error' ? 'text-error' : 'muted'} data-testid="settings-message">{message?.kind === 'ok' ? t(message.key) : ''}</p>
      {message?.kind === 'error' && <ErrorText {...message.error} />}
      <h2>{t('settings.about')}</h2>
      {info.status === 'ready' && (
        <dl className="facts" data-testid="app-info">
          <dt>{t('settings.version')}</dt><dd>{info.value.version}</dd>
          <dt>{t('settings.platform')}</dt><dd>{info.value.platform}</dd>
          <dt>{t('settings.runtime')}</dt><dd>{t(`settings.runtimes.${info.value.runtime}`)}</dd>
        </dl>
      )}
    </section>
  );
}
