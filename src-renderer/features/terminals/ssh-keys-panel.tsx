import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { describeError, useAsync } from '../../ui/use-async';
import { useKeychainName } from '../../ui/keychain-name';

/** SSH keys held in the OS keychain (public facts only), and an import form whose secret goes to main once. */
export function SshKeysPanel() {
  const { t } = useTranslation();
  const keychain = useKeychainName();
  const loadKeys = useCallback(() => call('sshkeys.list'), []);
  const keys = useAsync(loadKeys);
  const [name, setName] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<{ code: string; message: string }>();

  async function importKey() {
    setError(undefined);
    try {
      await call('sshkeys.import', { name, privateKey, ...(passphrase ? { passphrase } : {}) });
      setPrivateKey('');
      setPassphrase('');
      setName('');
      keys.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <section aria-labelledby="ssh-keys-title" className="panel">
      <h2 id="ssh-keys-title">{t('terminals.keys.title', { keychain })}</h2>
      {keys.status === 'error' && <ErrorText code={keys.code} message={keys.message} params={keys.params} />}
      {keys.status === 'ready' && (keys.value.length === 0 ? <p className="muted">{t('terminals.keys.none')}</p> : (
        <ul data-testid="ssh-keys">
          {keys.value.map((k) => (
            <li key={k.keyId}>
              <strong>{k.name}</strong> <span className="mono">{k.keyType} {k.fingerprint}</span>{' '}
              <button type="button" className="link-button" onClick={() => void call('sshkeys.remove', { keyId: k.keyId }).then(keys.reload)}>{t('terminals.keys.remove')}</button>
            </li>
          ))}
        </ul>
      ))}
      <details>
        <summary>{t('terminals.keys.import')}</summary>
        <form onSubmit={(e) => { e.preventDefault(); void importKey(); }} className="stack">
          <label>{t('terminals.keys.name')}<input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} /></label>
          <label>{t('terminals.keys.privateKey')}<textarea value={privateKey} onChange={(e) => setPrivateKey(e.target.value)} rows={6} spellCheck={false} autoComplete="off" className="mono" /></label>
          <label>{t('terminals.keys.passphrase')}<input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" /></label>
          <p className="muted small">{t('terminals.keys.help', { keychain })}</p>
          {error && <ErrorText {...error} />}
          <button type="submit" disabled={!name || privateKey.length < 32}>{t('terminals.keys.importButton')}</button>
        </form>
      </details>
    </section>
  );
}
