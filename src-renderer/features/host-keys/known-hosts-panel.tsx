import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { describeError, useAsync } from '../../ui/use-async';
import { groupFingerprint } from './fingerprint';

/** The console's trusted host keys, where each came from, and an import from ~/.ssh/known_hosts. */
export function KnownHostsPanel() {
  const { t } = useTranslation();
  const loadHosts = useCallback(() => call('hostkeys.list'), []);
  const hosts = useAsync(loadHosts);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<{ code: string; message: string }>();
  async function importKnownHosts() {
    setError(undefined);
    try {
      const r = await call('hostkeys.importKnownHosts', {});
      setNote(t('hostKeys.imported', { imported: r.imported, skipped: r.skipped }));
      hosts.reload();
    } catch (e) {
      setError(describeError(e));
    }
  }
  return (
    <section aria-labelledby="known-hosts-title" className="panel">
      <h2 id="known-hosts-title">{t('hostKeys.listTitle')}</h2>
      {hosts.status === 'error' && <ErrorText code={hosts.code} message={hosts.message} />}
      {hosts.status === 'ready' && (hosts.value.length === 0 ? <p className="muted">{t('hostKeys.noneStored')}</p> : (
        <table className="compact" data-testid="known-hosts">
          <thead>
            <tr><th scope="col">{t('hostKeys.host')}</th><th scope="col">{t('hostKeys.fingerprint')}</th><th scope="col">{t('hostKeys.source')}</th><th scope="col"><span className="visually-hidden">{t('hostKeys.actions')}</span></th></tr>
          </thead>
          <tbody>
            {hosts.value.map((h) => (
              <tr key={`${h.hostId}-${h.fingerprint}`}>
                <td>{h.hostId}</td>
                <td className="mono">{h.keyType} {groupFingerprint(h.fingerprint)}</td>
                <td>{t(`hostKeys.sources.${h.source}`)}</td>
                <td><button type="button" className="link-button" onClick={() => void call('hostkeys.remove', { hostId: h.hostId, fingerprint: h.fingerprint }).then(hosts.reload)}>{t('hostKeys.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <button type="button" className="secondary" onClick={() => void importKnownHosts()}>{t('hostKeys.importKnownHosts')}</button>
      {note && <p role="status">{note}</p>}
      {error && <ErrorText {...error} />}
    </section>
  );
}
