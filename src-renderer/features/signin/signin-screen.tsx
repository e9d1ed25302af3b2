import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodedMessageText } from '../../ui/coded-message';
import { MainText } from '../../ui/main-text';
import { wordMessage } from '../../ui/message-text';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { AreaIntro } from '../../ui/area-intro';
import { ReadinessPanel } from '../readiness';
import { describeError } from '../../ui/use-async';
import { AccountPanel } from './account-panel';
import { DeviceCodePanel } from './device-code-panel';
import { errorKey, viewOf } from './signin-model';
import { TenantPanel } from './tenant-panel';
import { useAuthStatus } from './use-auth-status';
import { useSigninFocus } from './use-signin-focus';
import './signin.css';

type Failure = ReturnType<typeof describeError>;
/** What the screen shows: a failure here, a load error, or main's last sign-in error (code, message, params). */
type ShownError = { code: string; message: string; params?: Readonly<Record<string, string>> };

/** Sign-in: browser or device code, the account and tenant in use, subscriptions, sign-out; never a token. */
export function SignInScreen() {
  const { t, i18n } = useTranslation();
  const { status, prompt, loadError } = useAuthStatus();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [accounts, setAccounts] = useState<InvokeResponse<'auth.accounts'>>();
  const [tenants, setTenants] = useState<InvokeResponse<'auth.tenants'>['tenants']>();
  const [loadedSubscriptions, setSubscriptions] = useState<{ key: string; list: InvokeResponse<'auth.subscriptions'>['subscriptions'] }>();
  const view = viewOf(status, prompt);
  useSigninFocus(view);
  const signedInKey = status?.state === 'signed-in' ? `${status.account?.homeAccountId}|${status.tenantId}` : '';
  const subscriptions = loadedSubscriptions?.key === signedInKey ? loadedSubscriptions.list : undefined;

  const accountsKey = status && status.state !== 'signing-in' ? `${status.state}|${status.account?.homeAccountId}` : '';
  useEffect(() => {
    if (!accountsKey) return;
    let live = true;
    call('auth.accounts').then(
      (a) => live && setAccounts(a),
      (error: unknown) => live && setFailure(describeError(error)),
    );
    return () => {
      live = false;
    };
  }, [accountsKey]);

  useEffect(() => {
    if (!signedInKey) return;
    let live = true;
    const fail = (error: unknown) => live && setFailure(describeError(error));
    call('auth.tenants').then((r) => live && setTenants(r.tenants), fail);
    call('auth.subscriptions', {}).then((r) => live && setSubscriptions({ key: signedInKey, list: r.subscriptions }), fail);
    return () => {
      live = false;
    };
  }, [signedInKey]);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }, []);

  const signIn = (method: 'interactive' | 'deviceCode', forceAccountPicker = false) =>
    void run(() => call('auth.signIn', { method, ...(forceAccountPicker ? { forceAccountPicker } : {}) }));
  const cancel = () => void call('auth.cancel').catch((error: unknown) => setFailure(describeError(error)));
  const shown: ShownError | undefined = failure ?? loadError ?? (status?.state !== 'signed-in' ? status?.lastError : undefined);
  const shownKey = shown ? errorKey(shown.code) : undefined;
  // A Conditional Access refusal's advice follows the sign-in screen's own sentence for the code.
  const then = shown?.params?.['@then'];
  const advice = then ? wordMessage(i18n, { code: then, text: '', params: shown.params }).text : '';

  return (
    <section aria-labelledby="area-title" className="signin-screen" data-view={view}>
      <AreaIntro area="signin" />
      {status?.storage.kind === 'memory' && (
        <div role="alert" className="panel signin-warning" data-testid="storage-warning">
          <strong>{t('signin.storage.memoryTitle')}</strong> {t('signin.storage.memoryBody')} {status.storage.reason && <MainText text={status.storage.reason} />}
        </div>
      )}
      {shown && (
        <div role="alert" className="text-error" data-testid="signin-error" data-code={shown.code}>
          {shownKey ? (
            <>
              {t(shownKey)}
              {advice && ` ${advice}`}
            </>
          ) : (
            <>
              {t('messages.errorPrefix')} <CodedMessageText message={{ code: shown.code, text: shown.message, params: shown.params }} /> ({shown.code})
            </>
          )}
        </div>
      )}

      {view === 'loading' && <p className="muted">{t('signin.loading')}</p>}

      {(view === 'signed-out' || view === 'needs-sign-in') && status && (
        <div className="panel" data-testid="signin-start">
          {view === 'needs-sign-in' && status.account && (
            <p data-testid="needs-sign-in">{t('signin.needsSignIn', { username: status.account.username })}</p>
          )}
          {view === 'signed-out' && (accounts?.accounts.length ?? 0) > 0 && (
            <fieldset className="signin-accounts" data-testid="cached-accounts">
              <legend>{t('signin.account.continueAs')}</legend>
              {accounts!.accounts.map((a) => (
                <button key={a.homeAccountId} type="button" className="secondary" disabled={busy} onClick={() => void run(() => call('auth.selectAccount', { homeAccountId: a.homeAccountId }))}>
                  {t('signin.account.use', { name: a.name, username: a.username })}
                </button>
              ))}
            </fieldset>
          )}
          <div className="signin-actions">
            <button type="button" disabled={busy || status.interactive.blocked === true} onClick={() => signIn('interactive')} data-testid="signin-browser">
              {status.interactive.mode === 'broker' ? t('signin.withBroker') : t('signin.withBrowser')}
            </button>
            <button type="button" className="secondary" disabled={busy || !status.deviceCodeAllowed} onClick={() => signIn('deviceCode')} data-testid="signin-device" aria-describedby={status.deviceCodeAllowed ? undefined : 'device-code-disabled'}>
              {t('signin.withDeviceCode')}
            </button>
          </div>
          {!status.deviceCodeAllowed && <p className="muted" id="device-code-disabled">{t('signin.deviceCodeDisabled')}</p>}
          {status.interactive.reason && (
            <div className={status.interactive.blocked ? 'text-error' : 'muted'} data-testid="broker-reason">
              {t(status.interactive.blocked ? 'signin.brokerRequired' : 'signin.brokerFallback', { reason: '' }).trim()} <MainText text={status.interactive.reason} />
            </div>
          )}
          <p className="muted">{t('signin.browserHelp')}</p>
        </div>
      )}

      {view === 'browser-wait' && (
        <div className="panel" data-testid="browser-wait" aria-live="polite">
          <p>{status?.method === 'deviceCode' ? t('signin.waitingForCode') : t('signin.waitingForBrowser')}</p>
          <button type="button" className="secondary" onClick={cancel} data-testid="signin-cancel">
            {t('signin.cancel')}
          </button>
        </div>
      )}

      {view === 'device-code' && prompt && <DeviceCodePanel prompt={prompt} onCancel={cancel} />}

      {view === 'signed-in' && status && (
        <>
          <AccountPanel
            status={status}
            accounts={accounts}
            busy={busy}
            onSelect={(homeAccountId) => void run(() => call('auth.selectAccount', { homeAccountId }))}
            onAddAccount={() => signIn('interactive', true)}
            onSignOut={() => void run(() => call('auth.signOut', {}))}
          />
          <TenantPanel
            tenants={tenants}
            current={status.tenantId}
            subscriptions={subscriptions}
            busy={busy}
            onSelect={(tenantId) => void run(() => call('auth.selectTenant', { tenantId }))}
          />
        </>
      )}
      <ReadinessPanel />
    </section>
  );
}
