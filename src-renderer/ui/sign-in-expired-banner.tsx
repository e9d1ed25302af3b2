import { useTranslation } from 'react-i18next';
import { signInExpired, useSignInState } from './sign-in-state';

/**
 * Shown above every screen that needs Azure while the sign-in is expired: whose sign-in, that what
 * the screen shows is from before, and the one action that fixes it.
 */
export function SignInExpiredBanner({ onSignIn }: { onSignIn(): void }) {
  const { t } = useTranslation();
  const state = useSignInState();
  if (!signInExpired(state)) return null;
  return (
    <div className="notice-warning sign-in-expired" role="alert" data-testid="sign-in-expired">
      <span>{t('ui.signInExpired.text', { username: state?.account?.username ?? '' })}</span>{' '}
      <button type="button" onClick={onSignIn} data-testid="sign-in-again">{t('ui.signInExpired.action')}</button>
    </div>
  );
}
