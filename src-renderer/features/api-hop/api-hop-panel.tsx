import { useCallback, useState } from 'react';
import { TableScroll } from '../../ui/table-scroll';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { ErrorText } from '../../ui/error-text';
import { useAsync } from '../../ui/use-async';

type ApiHopValue = InvokeResponse<'kubectl.apiHop'>;

/**
 * The last hop, proven: once the tunnel is up, main checks TLS against the private FQDN, asks the API
 * server who the operator's token is (SelfSubjectReview) and what it may do in a namespace
 * (SelfSubjectAccessReview per row, with the binding or Azure role that grants it).
 */
export function ApiHopPanel({ clusterId, tunnelName }: { clusterId: string; tunnelName: string | undefined }) {
  const { t } = useTranslation();
  const [namespace, setNamespace] = useState('default');
  // The namespace the shown answer is for: checked when the tunnel comes up, then when the operator asks.
  const [asked, setAsked] = useState('default');
  const load = useCallback(
    (): Promise<ApiHopValue | null> => (tunnelName ? call('kubectl.apiHop', { clusterId, tunnelName, namespace: asked }) : Promise.resolve(null)),
    [clusterId, tunnelName, asked],
  );
  const state = useAsync(load);
  const busy = state.status === 'loading';
  const hop = state.status === 'ready' ? state.value : null;
  const error = state.status === 'error' ? { code: state.code, message: state.message } : undefined;
  const check = () => (namespace === asked ? state.reload() : setAsked(namespace));

  if (!tunnelName) return null;
  return (
    <section className="panel" data-testid="api-hop" aria-labelledby="api-hop-title" aria-busy={busy}>
      <h3 id="api-hop-title">{t('apiHop.title')}</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          check();
        }}
      >
        <label>
          {t('apiHop.namespace')}
          <input value={namespace} onChange={(e) => setNamespace(e.target.value.trim())} spellCheck={false} data-testid="api-hop-namespace" />
        </label>{' '}
        <button type="submit" className="secondary" disabled={busy || !namespace} data-testid="api-hop-check">
          {busy ? t('apiHop.checking') : t('apiHop.check')}
        </button>
      </form>
      {error && (error.code === 'apihop.not_entra' ? <p className="muted">{t('apiHop.notEntra')}</p> : <ErrorText {...error} />)}
      {hop && (
        <>
          <p data-testid="api-hop-tls">{t('apiHop.tls', { name: hop.serverName })}</p>
          <p data-testid="api-hop-identity" data-username={hop.username}>
            <strong>{t('apiHop.authenticatedAs', { username: hop.username })}</strong>
          </p>
          {hop.freshTokenAfterChallenge && <p className="muted">{t('apiHop.freshToken')}</p>}
          <TableScroll label={t('apiHop.matrixCaption', { namespace: hop.namespace })}>
            <table data-testid="api-hop-matrix">
              <caption>{t('apiHop.matrixCaption', { namespace: hop.namespace })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('apiHop.action')}</th>
                  <th scope="col">{t('apiHop.allowed')}</th>
                  <th scope="col">{t('apiHop.grantedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {hop.checks.map((c) => (
                  <tr key={c.id} data-check={c.id} data-allowed={c.allowed}>
                    <th scope="row">
                      {t(`apiHop.checks.${c.id}`)} <code>{`${c.verb} ${c.subresource ? `${c.resource}/${c.subresource}` : c.resource}`}</code>
                    </th>
                    <td className={c.allowed ? 'text-ok' : 'text-error'}>{c.allowed ? t('apiHop.yes') : t('apiHop.no')}</td>
                    <td>{c.allowed && c.reason ? c.reason.replace(/^allowed by /, '') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
