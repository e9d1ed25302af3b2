import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';
import { call, subscribe } from '../../ipc/bridge';
import { useConsole } from '../../shell/console-state';
import { AreaIntro } from '../../ui/area-intro';
import { inventoryCommand } from '../../ui/az-commands';
import { CopyableCommand } from '../../ui/copyable-command';
import { ErrorText } from '../../ui/error-text';
import { CodedMessageText } from '../../ui/coded-message';
import { describeError } from '../../ui/use-async';
import { useSignInState } from '../../ui/sign-in-state';
import { ClusterTable } from './cluster-table';
import { CLUSTER_FILTERS, filterClusters, type ClusterFilter } from './inventory-filter';

type Inventory = InvokeResponse<'azure.inventory'>;

/** The inventory: every cluster across subscriptions, searchable and filterable, with its access badges. */
export function ClustersScreen() {
  const { t, i18n } = useTranslation();
  const { connectTo } = useConsole();
  const [inventory, setInventory] = useState<Inventory>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ReturnType<typeof describeError>>();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<ClusterFilter>('all');

  const fetchInventory = useCallback(
    (refresh: boolean) =>
      call('azure.inventory', refresh ? { refresh: true } : {})
        .then(
          (value) => {
            setInventory(value);
            setError(undefined);
          },
          (e: unknown) => setError(describeError(e)),
        )
        .finally(() => setLoading(false)),
    [],
  );

  function refresh() {
    setLoading(true);
    setError(undefined);
    void fetchInventory(true);
  }

  useEffect(() => {
    void fetchInventory(false);
    return subscribe('azure.inventoryChanged', setInventory);
  }, [fetchInventory]);

  // Signed in again after an expiry: the stale list is refreshed without another click.
  const signedIn = useSignInState()?.state === 'signed-in';
  const stale = inventory?.signInExpired === true;
  useEffect(() => {
    if (signedIn && stale) void fetchInventory(true);
  }, [signedIn, stale, fetchInventory]);

  const shown = useMemo(() => filterClusters(inventory?.clusters ?? [], query, filter), [inventory, query, filter]);
  const asOf = inventory ? new Date(inventory.asOf).toLocaleString(i18n.language) : '';

  return (
    <section aria-labelledby="area-title" aria-busy={loading}>
      <AreaIntro area="clusters" />
      <div className="toolbar" role="search">
        <label>
          {t('clusters.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="cluster-search" />
        </label>
        <label>
          {t('clusters.filter')}
          <select value={filter} onChange={(e) => setFilter(e.target.value as ClusterFilter)} data-testid="cluster-filter">
            {CLUSTER_FILTERS.map((f) => (
              <option key={f} value={f}>{t(`clusters.filters.${f}`)}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={refresh} disabled={loading} data-testid="cluster-refresh">
          {t('clusters.refresh')}
        </button>
      </div>
      <p className="muted" role="status" data-testid="inventory-status">
        {loading && <><progress aria-label={t('clusters.loading')} /> {t('clusters.loading')} </>}
        {inventory && t('clusters.asOf', { time: asOf, count: inventory.clusters.length, subscriptions: inventory.subscriptions.length })}
        {inventory?.fromCache && !inventory.signInExpired && ` ${t('clusters.fromCache')}`}
        {inventory?.signInExpired && <strong data-testid="inventory-stale"> {t('clusters.staleSignIn', { time: new Date(inventory.asOf).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) })}</strong>}
        {inventory && ` ${t(`clusters.source.${inventory.source}`)}`}
      </p>
      {error && !(error.code === 'auth.sign_in_required' && inventory) && <ErrorText {...error} />}
      {inventory && inventory.subscriptions.some((s) => s.access !== 'ok') && (
        <ul className="warnings" aria-label={t('clusters.subscriptionProblems')}>
          {inventory.subscriptions.filter((s) => s.access !== 'ok').map((s) => (
            <li key={s.subscriptionId}>
              {t(`clusters.access.${s.access}`, { name: s.displayName ?? s.subscriptionId, reason: '' }).trim()} {s.reason && <CodedMessageText message={s.reason} />}
            </li>
          ))}
        </ul>
      )}
      {inventory?.warnings.map((w, i) => (
        <div key={`${w.code}-${i}`} className="notice-warning">
          <CodedMessageText message={w} />
        </div>
      ))}
      {inventory && <ClusterTable clusters={shown} total={inventory.clusters.length} onConnect={connectTo} />}
      <details className="equivalent">
        <summary>{t('ui.showCommand')}</summary>
        <CopyableCommand command={inventoryCommand()} />
      </details>
    </section>
  );
}
