import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { useKeychainName } from '../../ui/keychain-name';
import { describeError, useAsync } from '../../ui/use-async';

const loadEffectiveProxy = () => call('proxy.effective');
const SCHEME_NAMES = { negotiate: 'Negotiate (Kerberos)', ntlm: 'NTLM', basic: 'Basic' } as const;

/** The proxy in force (address or PAC script, and where it comes from) and what to do when it asks for credentials. */
export function EffectiveProxy() {
  const { t } = useTranslation();
  const keychain = useKeychainName();
  const state = useAsync(loadEffectiveProxy);
  const [forgot, setForgot] = useState<{ kind: 'done'; removed: boolean } | { kind: 'error'; error: ReturnType<typeof describeError> }>();
  if (state.status === 'loading' || state.status === 'idle') return null;
  if (state.status === 'error') return <ErrorText code={state.code} message={state.message} {...(state.params ? { params: state.params } : {})} />;
  const p = state.value;
  const via = p.sample && p.sample.via !== 'direct' ? p.sample.via : null;
  const schemes = p.auth.schemes.filter((s) => s !== 'basic' || p.auth.allowBasic).map((s) => SCHEME_NAMES[s]);

  async function forget(proxy: string) {
    try {
      setForgot({ kind: 'done', removed: (await call('proxy.forgetCredential', { proxy })).removed });
    } catch (error) {
      setForgot({ kind: 'error', error: describeError(error) });
    }
  }

  return (
    <section aria-labelledby="proxy-in-use-title" data-testid="effective-proxy">
      <h2 id="proxy-in-use-title">{t('preferences.proxyInUse.title')}</h2>
      <dl className="facts">
        <dt>{t('preferences.proxyInUse.source')}</dt><dd data-testid="proxy-source">{t(`preferences.proxyInUse.sources.${p.source}`)}</dd>
        <dt>{t('preferences.proxyInUse.address')}</dt>
        <dd data-testid="proxy-address">{p.proxy ?? t(p.mode === 'system' ? 'preferences.proxyInUse.perTarget' : 'preferences.proxyInUse.direct')}</dd>
        {p.pacUrl && <><dt>{t('preferences.proxyInUse.pac')}</dt><dd className="break">{p.pacUrl}</dd></>}
        <dt>{t('preferences.proxyInUse.bypass')}</dt><dd>{p.noProxy.length > 0 ? p.noProxy.join(', ') : t('preferences.proxyInUse.none')}</dd>
        {p.sample && (
          <><dt>{t('preferences.proxyInUse.route', { host: p.sample.host })}</dt>
            <dd data-testid="proxy-route">{via ? t('preferences.proxyInUse.viaProxy', { proxy: via }) : t('preferences.proxyInUse.direct')}</dd></>
        )}
      </dl>
      <h3>{t('preferences.proxyInUse.authTitle')}</h3>
      <ul data-testid="proxy-auth-steps">
        <li>{t('preferences.proxyInUse.authOrder', { schemes: schemes.join(', ') || t('preferences.proxyInUse.none') })}</li>
        {p.auth.schemes.includes('negotiate') && <li>{t('preferences.proxyInUse.authNegotiate')}</li>}
        {(p.auth.schemes.includes('ntlm') || p.auth.allowBasic) && <li>{t('preferences.proxyInUse.authPassword', { keychain })}</li>}
        <li>{t('preferences.proxyInUse.authClear', { keychain })}</li>
      </ul>
      {via && (
        <p>
          <button type="button" className="secondary" onClick={() => void forget(via)} data-testid="proxy-forget">{t('preferences.proxyInUse.forget', { proxy: via })}</button>{' '}
          <span role="status" className="muted" data-testid="proxy-forget-result">
            {forgot?.kind === 'done' ? t(forgot.removed ? 'preferences.proxyInUse.forgotten' : 'preferences.proxyInUse.nothingStored', { proxy: via }) : ''}
          </span>
        </p>
      )}
      {forgot?.kind === 'error' && <ErrorText {...forgot.error} />}
    </section>
  );
}
