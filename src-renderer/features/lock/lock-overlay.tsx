import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { errorLine } from '../../ui/message-text';
import { announce, rememberFocus } from '../../ui/a11y';
import { describeError } from '../../ui/use-async';
import { IdleWarning } from './idle-warning';
import { useLockState } from './use-lock-state';
import './lock.css';

/**
 * The lock screen: while main says the console is locked, the app behind is blurred and made
 * inert (no focus, no typing into terminals), and the only action is a fresh sign-in.
 */
export function LockOverlay() {
  const { t, i18n } = useTranslation();
  const state = useLockState();
  // Keyed by the lock's start time so a message from an earlier lock never shows on a new one.
  const [error, setError] = useState<{ since: string | null; line: string }>();
  const button = useRef<HTMLButtonElement>(null);
  const locked = state?.locked === true;

  useEffect(() => {
    const root = document.getElementById('root');
    if (!root) return undefined;
    // Where the operator was, so unlocking puts them back there rather than on the page body.
    const restore = locked ? rememberFocus() : undefined;
    root.inert = locked;
    root.classList.toggle('app-locked', locked);
    if (locked) button.current?.focus();
    return () => {
      root.inert = false;
      root.classList.remove('app-locked');
      if (restore) {
        restore();
        announce(t('a11y.lock.unlocked'));
      }
    };
    // The translation is read at unlock time; a language change must not count as an unlock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locked]);

  if (!state || !locked) return <IdleWarning state={state} />;

  async function unlock() {
    setError(undefined);
    try {
      await call('lock.unlock');
    } catch (e) {
      const described = describeError(e);
      setError({ since: state?.since ?? null, line: described.code === 'lock.wrong_user' && state?.user ? t('lock.wrongUser', { user: state.user }) : errorLine(i18n, described) });
    }
  }

  return createPortal(
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title" aria-describedby="lock-reason" data-testid="lock-overlay">
      <div className="lock-card">
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p id="lock-reason">{t(`lock.reasons.${state.reason ?? 'manual'}`)}</p>
        {state.user ? <p>{t('lock.user', { user: state.user })}</p> : <p data-testid="lock-no-account">{t('lock.noAccount')}</p>}
        {state.closed && <p className="muted">{t('lock.closed', { sessions: state.closed.sessions, tunnels: state.closed.tunnels })}</p>}
        {!state.closed && state.sessionsOnLock === 'keep' && <p className="muted">{t('lock.kept')}</p>}
        <button ref={button} type="button" onClick={() => void unlock()} disabled={state.unlocking} data-testid="lock-unlock">
          {state.unlocking ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        {error && error.since === state.since && <p role="alert" className="lock-error" data-testid="lock-error">{error.line}</p>}
      </div>
    </div>,
    document.body,
  );
}

/** A button that locks the console now (for the navigation bar or settings). */
export function LockNowButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="secondary" onClick={() => void call('lock.now').catch(() => undefined)} data-testid="lock-now">
      {t('lock.lockNow')}
    </button>
  );
}
