import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../ui/copyable-command';
import { minutesLeft, type DeviceCodePrompt } from './signin-model';

/** The device code, where to enter it, how long it lasts, and Cancel. */
export function DeviceCodePanel({ prompt, onCancel }: { prompt: DeviceCodePrompt; onCancel: () => void }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const [copied, setCopied] = useState<boolean>();
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="panel signin-device" data-testid="device-code-panel" aria-live="polite">
      <h2>{t('signin.deviceCode.title')}</h2>
      <ol>
        <li>
          {t('signin.deviceCode.open')} <code data-testid="device-code-uri">{prompt.verificationUri}</code>
        </li>
        <li>
          {t('signin.deviceCode.enter')}{' '}
          <strong className="signin-user-code" data-testid="device-code">{prompt.userCode}</strong>{' '}
          <button type="button" className="secondary" onClick={() => void copyText(prompt.userCode).then(setCopied)}>
            {t('signin.deviceCode.copy')}
          </button>
          <span role="status" className="muted"> {copied === true ? t('signin.deviceCode.copied') : copied === false ? t('signin.deviceCode.copyFailed') : ''}</span>
        </li>
      </ol>
      <p className="muted">{t('signin.deviceCode.expires', { count: minutesLeft(prompt.expiresOn, now) })}</p>
      <p className="muted">{t('signin.deviceCode.phishingWarning')}</p>
      <button type="button" className="secondary" onClick={onCancel} data-testid="signin-cancel">
        {t('signin.cancel')}
      </button>
    </div>
  );
}
