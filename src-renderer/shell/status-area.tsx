import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../src-main/ipc/contract';
import { subscribe } from '../ipc/bridge';
import { CodedMessageText } from '../ui/coded-message';
import { signInExpired, useSignInState } from '../ui/sign-in-state';

type Notice = EventPayload<'app.notice'>;

/** The status line: "Ready" (or "sign-in expired" while it is), or the latest notice main pushed (`app.notice`), dismissible. */
export function StatusArea() {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice>();
  const expired = signInExpired(useSignInState());
  useEffect(() => subscribe('app.notice', setNotice), []);
  return (
    <footer className="status-area" aria-label={t('app.statusLabel')}>
      <span role="status" aria-live="polite" data-testid="status-text" className={notice ? `notice-${notice.level}` : expired ? 'notice-warning' : undefined}>
        {notice ? <CodedMessageText message={{ code: notice.code, text: notice.message }} /> : expired ? t('status.signInExpired') : t('status.ready')}
      </span>
      {notice && (
        <button type="button" className="link-button" onClick={() => setNotice(undefined)}>
          {t('status.dismiss')}
        </button>
      )}
    </footer>
  );
}
