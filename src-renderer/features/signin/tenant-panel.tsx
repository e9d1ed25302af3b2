import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';

type Tenants = InvokeResponse<'auth.tenants'>['tenants'];
type Subscriptions = InvokeResponse<'auth.subscriptions'>['subscriptions'];

/** The tenants the account reaches (policy-blocked ones disabled, with why) and the current tenant's subscriptions. */
export function TenantPanel(props: {
  tenants: Tenants | undefined;
  current: string | undefined;
  subscriptions: Subscriptions | undefined;
  busy: boolean;
  onSelect: (tenantId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="panel" data-testid="tenant-panel">
      <fieldset>
        <legend>{t('signin.tenant.title')}</legend>
        {!props.tenants && <p className="muted">{t('signin.loading')}</p>}
        {props.tenants?.length === 0 && <p className="muted">{t('signin.tenant.none')}</p>}
        {props.tenants?.map((tenant) => (
          <label key={tenant.tenantId} className="choice signin-tenant">
            <input
              type="radio"
              name="tenant"
              value={tenant.tenantId}
              checked={props.current === tenant.tenantId}
              disabled={!tenant.allowed || props.busy}
              aria-describedby={tenant.allowed ? undefined : `blocked-${tenant.tenantId}`}
              onChange={() => props.onSelect(tenant.tenantId)}
            />
            <span>
              {tenant.displayName} <span className="muted">({tenant.defaultDomain ?? tenant.tenantId})</span>
              {!tenant.allowed && (
                <span className="muted" id={`blocked-${tenant.tenantId}`}> — {t('signin.tenant.blocked')}</span>
              )}
            </span>
          </label>
        ))}
      </fieldset>
      <h3>{t('signin.subscriptions.title')}</h3>
      {!props.subscriptions && <p className="muted">{t('signin.loading')}</p>}
      {props.subscriptions?.length === 0 && <p className="muted">{t('signin.subscriptions.none')}</p>}
      {props.subscriptions && props.subscriptions.length > 0 && (
        <ul data-testid="subscription-list">
          {props.subscriptions.map((s) => (
            <li key={s.subscriptionId}>
              {s.displayName} <span className="muted">{s.subscriptionId} · {s.state}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
