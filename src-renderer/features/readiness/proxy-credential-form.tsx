import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { describeError } from '../../ui/use-async';
import { useKeychainName } from '../../ui/keychain-name';
import type { ReadinessRow } from './readiness-text';

/** The proxy whose NTLM/Basic challenge the console could not answer for want of a (right) password, if any. */
export function proxyNeedingCredential(rows: readonly ReadinessRow[]): string | null {
  const row = rows.find((r) => {
    const auth = r.proxyAuth;
    if (!auth || !r.via || r.via === 'direct') return false;
    const passwordScheme = auth.offered.includes('ntlm') || auth.offered.includes('basic');
    return passwordScheme && (auth.reason === 'no-credentials' || (auth.reason === 'rejected' && auth.scheme !== 'negotiate'));
  });
  return row?.via ?? null;
}

/** Asks once for the proxy's user name and password; main keeps them in the OS's keychain and never sends them back. */
export function ProxyCredentialForm({ proxy, onSaved }: { proxy: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const keychain = useKeychainName();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof describeError>>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await call('proxy.saveCredential', { proxy, username, password });
      setPassword('');
      onSaved();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="proxy-credential" onSubmit={(e) => void submit(e)} data-testid="proxy-credential">
      <p>{t('readiness.proxyCredential.intro', { proxy, keychain })}</p>
      <label>
        {t('readiness.proxyCredential.username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required data-testid="proxy-credential-username" />
      </label>
      <label>
        {t('readiness.proxyCredential.password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" required data-testid="proxy-credential-password" />
      </label>
      <button type="submit" disabled={busy || !username || !password} aria-busy={busy}>
        {t('readiness.proxyCredential.save')}
      </button>
      {failure && <ErrorText {...failure} />}
    </form>
  );
}
