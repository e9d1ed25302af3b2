import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../ui/table-scroll';
import type { ClusterRow } from './inventory-filter';

/** The cluster list: one row per cluster with its badges and a Connect button. */
export function ClusterTable({ clusters, total, onConnect }: { clusters: readonly ClusterRow[]; total: number; onConnect: (c: ClusterRow) => void }) {
  const { t } = useTranslation();
  if (total === 0) return <p>{t('clusters.none')}</p>;
  if (clusters.length === 0) return <p>{t('clusters.noMatch')}</p>;
  return (
    <TableScroll label={t('clusters.caption', { shown: clusters.length, total })}>
      <table className="cluster-table" data-testid="cluster-table">
        <caption className="muted">{t('clusters.caption', { shown: clusters.length, total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clusters.name')}</th>
            <th scope="col">{t('clusters.subscription')}</th>
            <th scope="col">{t('clusters.location')}</th>
            <th scope="col">{t('clusters.accessCol')}</th>
            <th scope="col"><span className="visually-hidden">{t('clusters.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((c) => (
            <tr key={c.id} data-cluster={c.name}>
              <th scope="row">
                {c.name}
                <div className="muted small">{c.resourceGroup}</div>
              </th>
              <td>{c.subscriptionName ?? c.subscriptionId}</td>
              <td>{c.location}</td>
              <td>
                <ul className="badges" aria-label={t('clusters.badgesOf', { name: c.name })}>
                  {c.badges.map((b) => (
                    <li key={b} className={`badge badge-${b}`} title={t(`clusters.badgeHelp.${b}`)}>{t(`clusters.badges.${b}`)}</li>
                  ))}
                </ul>
              </td>
              <td>
                <button type="button" onClick={() => onConnect(c)} aria-label={t('clusters.connectTo', { name: c.name })}>
                  {t('clusters.connect')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
