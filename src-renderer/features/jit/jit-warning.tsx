import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { announce } from '../../ui/a11y';
import { formatCountdown } from './jit-policy';

/** Seconds before JIT access ends at which the console warns: five minutes. */
export const JIT_WARNING_SECONDS = 300;

/**
 * The warning before JIT access ends (WCAG 2.2.1): visible while under five minutes are left,
 * announced once when it appears and once when access ends, with one action to request more time
 * (the JIT dialog; the policy's maximum applies there).
 */
export function JitWarning({ left, onExtend }: { left: number | undefined; onExtend: () => void }) {
  const { t } = useTranslation();
  const warning = left !== undefined && left > 0 && left <= JIT_WARNING_SECONDS;
  const ended = left === 0;
  const phase = warning ? 'warning' : ended ? 'ended' : 'none';
  const said = useRef(phase);
  useEffect(() => {
    if (phase === said.current) return;
    said.current = phase;
    if (phase === 'warning' && left !== undefined) announce(t('a11y.jit.warning', { time: formatCountdown(left) }));
    if (phase === 'ended') announce(t('jit.expired'), 'assertive');
    // Once per phase: the countdown itself is never announced.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);
  if (!warning) return null;
  return (
    <div className="jit-warning" data-testid="jit-warning">
      <p>{t('a11y.jit.warning', { time: formatCountdown(left) })}</p>
      <button type="button" onClick={onExtend} data-testid="jit-extend">{t('a11y.jit.extend')}</button>
    </div>
  );
}
