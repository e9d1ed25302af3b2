import { useState } from 'react';
import { TableScroll } from '../../ui/table-scroll';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { StatusLabel } from '../../ui/status-label';
import { describeError } from '../../ui/use-async';
import { useKeychainName } from '../../ui/keychain-name';
import { ProxyCredentialForm, proxyNeedingCredential } from './proxy-credential-form';
import { explanation } from './readiness-text';
import './readiness.css';

type Report = InvokeResponse<'readiness.run'>;

/** "Can this PAW work?": runs the workstation check on request and explains each result. */
export function ReadinessPanel() {
  const { t, i18n } = useTranslation();
  const keychain = useKeychainName();
  const [report, setReport] = useState<Report>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof describeError>>();

  const run = async () => {
    setRunning(true);
    setFailure(undefined);
    try {
      setReport(await call('readiness.run'));
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="panel readiness" aria-labelledby="readiness-title" data-testid="readiness">
      <h2 id="readiness-title">{t('readiness.title')}</h2>
      <p className="muted">{t('readiness.intro')}</p>
      <button type="button" className="secondary" onClick={() => void run()} disabled={running} aria-busy={running} data-testid="readiness-run">
        {running ? t('readiness.running') : t('readiness.run')}
      </button>
      {failure && <ErrorText {...failure} />}
      <div aria-live="polite">
        {report && (
          <>
            <p className="muted">{t('readiness.checkedAt', { time: new Date(report.checkedAt).toLocaleTimeString(i18n.language) })}</p>
            <TableScroll label={t('readiness.caption')}>
              <table className="readiness-table" data-testid="readiness-results">
                <caption className="visually-hidden">{t('readiness.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('readiness.col.check')}</th>
                    <th scope="col">{t('readiness.col.result')}</th>
                    <th scope="col">{t('readiness.col.host')}</th>
                    <th scope="col">{t('readiness.col.via')}</th>
                    <th scope="col">{t('readiness.col.explanation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.results.map((row) => {
                    const { key, values } = explanation(row);
                    return (
                      <tr key={row.id} data-check={row.id} data-status={row.status} data-code={row.code}>
                        <th scope="row">{t(`readiness.check.${row.id}`, { keychain })}</th>
                        <td>
                          <StatusLabel status={row.status} />
                        </td>
                        <td>{row.host ?? '–'}</td>
                        <td>{row.via === null ? '–' : row.via === 'direct' ? t('readiness.direct') : t('readiness.viaProxy', { proxy: row.via })}</td>
                        <td>
                          {t(key, { ...values, keychain })}
                          {row.detail && (
                            <details>
                              <summary>{t('readiness.detail')}</summary>
                              <code lang="en" data-untranslated-original="">{row.detail}</code>
                            </details>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            {proxyNeedingCredential(report.results) && <ProxyCredentialForm proxy={proxyNeedingCredential(report.results)!} onSaved={() => void run()} />}
          </>
        )}
      </div>
    </section>
  );
}
