import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { timeOfDay, type AuthStatus } from './signin-model';

type Accounts = InvokeResponse<'auth.accounts'>;

/** Who is signed in, until when, the other cached accounts to switch to, and sign-out. */
export function AccountPanel(props: {
  status: AuthStatus;
  accounts: Accounts | undefined;
  busy: boolean;
  onSelect: (homeAccountId: string) => void;
  onAddAccount: () => void;
  onSignOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { status, accounts } = props;
  const account = status.account;
  if (!account) return null;
  const others = (accounts?.accounts ?? []).filter((a) => a.homeAccountId !== account.homeAccountId);
  return (
    <div className="panel" data-testid="account-panel">
      <h2>{t('signin.account.title')}</h2>
      <dl className="facts">
        <dt>{t('signin.account.name')}</dt>
        <dd data-testid="account-name">{account.name}</dd>
        <dt>{t('signin.account.username')}</dt>
        <dd data-testid="account-username">{account.username}</dd>
        {status.expiresOn !== undefined && (
          <>
            <dt>{t('signin.account.validUntil')}</dt>
            <dd data-testid="token-expiry">{timeOfDay(status.expiresOn, i18n.language)}</dd>
          </>
        )}
      </dl>
      {others.length > 0 && (
        <fieldset className="signin-accounts">
          <legend>{t('signin.account.switchTo')}</legend>
          {others.map((a) => (
            <button key={a.homeAccountId} type="button" className="secondary" disabled={props.busy} onClick={() => props.onSelect(a.homeAccountId)} data-testid="switch-account">
              {t('signin.account.use', { name: a.name, username: a.username })}
            </button>
          ))}
        </fieldset>
      )}
      <div className="signin-actions">
        <button type="button" className="secondary" disabled={props.busy} onClick={props.onAddAccount}>
          {t('signin.account.add')}
        </button>
        <button type="button" className="danger" disabled={props.busy} onClick={props.onSignOut} data-testid="signin-signout">
          {t('signin.signOut')}
        </button>
      </div>
    </div>
  );
}
