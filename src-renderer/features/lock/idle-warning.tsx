import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { announce, focusSoon, rememberFocus } from '../../ui/a11y';
import { idleSecondsLeft, idleWarningLead, lastActivityReport, markActivityReported } from './activity-clock';
import type { LockStateView } from './use-lock-state';

/**
 * The warning before the idle lock (WCAG 2.2.1): shown and announced once when the lock is near,
 * with focus on its one action, which keeps the console unlocked and puts focus back. Any other
 * input also counts as activity and dismisses it.
 */
export function IdleWarning({ state }: { state: LockStateView | undefined }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const wasLocked = useRef(state?.locked);
  const restore = useRef<(() => void) | undefined>(undefined);
  const locked = state?.locked === true;

  useEffect(() => {
    // Main restarts its idle timer when it unlocks.
    if (wasLocked.current && !locked) markActivityReported();
    wasLocked.current = locked;
  }, [locked]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  const idle = state?.idleTimeoutSeconds ?? 0;
  const left = !state || locked || idle <= 0 ? undefined : idleSecondsLeft(lastActivityReport(), idle, now);
  const warning = left !== undefined && left > 0 && left <= idleWarningLead(idle);
  const seconds = warning ? Math.ceil(left) : 0;

  useEffect(() => {
    if (!warning) {
      const back = restore.current;
      restore.current = undefined;
      if (back && !locked) back();
      return;
    }
    const put = rememberFocus();
    restore.current = () => put();
    const atStart = Math.ceil(idleSecondsLeft(lastActivityReport(), idle, Date.now()) ?? 0);
    announce(t('a11y.lock.announce', { seconds: atStart }), 'assertive');
    focusSoon('[data-testid="idle-extend"]');
    // Announced once per warning; the visible count below is not a live region.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [warning]);

  if (!warning) return null;

  function extend() {
    markActivityReported();
    setNow(Date.now());
    void call('lock.activity').catch(() => undefined);
    announce(t('a11y.lock.extended'));
  }

  return (
    <div className="idle-warning" role="alertdialog" aria-labelledby="idle-warning-text" data-testid="idle-warning">
      <p id="idle-warning-text">{t('a11y.lock.warning', { seconds })}</p>
      <button type="button" onClick={extend} data-testid="idle-extend">{t('a11y.lock.extend')}</button>
    </div>
  );
}
