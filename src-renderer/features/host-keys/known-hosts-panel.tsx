import { useCallback, useState } from 'react';
import { TableScroll } from '../../ui/table-scroll';
import { useTranslation } from 'react-i18next';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { MainText } from '../../ui/main-text';
import { fileActionError, type FileChoice } from '../../ui/file-choice';
import { useAsync } from '../../ui/use-async';
import { groupFingerprint } from './fingerprint';

/**
 * The console's trusted host keys, where each came from, and an import from ~/.ssh/known_hosts or a
 * file picked in main's dialog. Lines that trust many hosts at once (wildcards, negations, markers)
 * are imported only after the operator confirms the list main shows.
 */
export function KnownHostsPanel() {
  const { t } = useTranslation();
  const loadHosts = useCallback(() => call('hostkeys.list'), []);
  const hosts = useAsync(loadHosts);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [wildcards, setWildcards] = useState<{ target: FileChoice; message: string }>();
  async function importKnownHosts(target: FileChoice, confirmWildcards?: true) {
    setError(undefined);
    setNote(undefined);
    setWildcards(undefined);
    try {
      const r = await call('hostkeys.importKnownHosts', confirmWildcards ? { target, confirmWildcards } : { target });
      setNote(t('hostKeys.imported', { imported: r.imported, skipped: r.skipped }));
      hosts.reload();
    } catch (e) {
      const failure = fileActionError(e);
      if (failure?.code === 'hostkeys.wildcards_unconfirmed') setWildcards({ target, message: failure.message });
      else setError(failure);
    }
  }
  return (
    <section aria-labelledby="known-hosts-title" className="panel">
      <h2 id="known-hosts-title">{t('hostKeys.listTitle')}</h2>
      {hosts.status === 'error' && <ErrorText code={hosts.code} message={hosts.message} params={hosts.params} />}
      {hosts.status === 'ready' && (hosts.value.length === 0 ? <p className="muted">{t('hostKeys.noneStored')}</p> : (
        <TableScroll label={t('hostKeys.listTitle')}>
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
        </TableScroll>
      ))}
      <button type="button" className="secondary" onClick={() => void importKnownHosts('default')}>{t('hostKeys.importKnownHosts')}</button>{' '}
      <button type="button" className="secondary" onClick={() => void importKnownHosts('pick')} data-testid="import-known-hosts-file">{t('hostKeys.importKnownHostsFile')}</button>
      {wildcards && (
        <div role="alert" className="panel" data-testid="known-hosts-wildcards">
          <p><strong>{t('hostKeys.wildcardsTitle')}</strong></p>
          <div className="mono">
            <MainText text={wildcards.message} />
          </div>
          <button type="button" onClick={() => void importKnownHosts(wildcards.target, true)} data-testid="confirm-wildcards">{t('hostKeys.importWildcards')}</button>{' '}
          <button type="button" className="secondary" onClick={() => setWildcards(undefined)}>{t('hostKeys.cancelImport')}</button>
        </div>
      )}
      {note && <p role="status">{note}</p>}
      {error && <ErrorText {...error} />}
    </section>
  );
}
