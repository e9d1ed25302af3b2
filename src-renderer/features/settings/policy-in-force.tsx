import { useTranslation } from 'react-i18next';
import { usePolicy } from '../../ui/policy-store';

/** The enterprise policy in force and the proxy mode it sets, read-only. */
export function PolicyInForce() {
  const { t } = useTranslation();
  const policy = usePolicy();
  if (!policy) return null;
  const e = policy.effective;
  const yesNo = (v: boolean) => t(v ? 'preferences.policy.yes' : 'preferences.policy.no');
  return (
    <section aria-labelledby="policy-title" data-testid="policy-in-force">
      <h2 id="policy-title">{t('preferences.policy.title')}</h2>
      <p className="muted">
        {t(`preferences.policy.sources.${policy.source}`, { location: policy.location })}
        {policy.error && <span className="text-error"> {policy.error}</span>}
      </p>
      <h3>{t('preferences.proxy.title')}</h3>
      <p>{t(`preferences.proxy.modes.${e.proxy}`)}</p>
      <dl className="facts">
        <dt>{t('preferences.policy.idleTimeout')}</dt><dd>{t('preferences.policy.minutes', { count: e.idleTimeoutMinutes })}</dd>
        <dt>{t('preferences.policy.sessionsOnLock')}</dt><dd>{t(`preferences.policy.onLock.${e.sessionsOnLock}`)}</dd>
        <dt>{t('preferences.policy.lockOnOsLock')}</dt><dd>{yesNo(e.lockOnOsLock)}</dd>
        <dt>{t('preferences.policy.unlockWithoutAccount')}</dt><dd>{t(`preferences.policy.withoutAccount.${e.unlockWithoutAccount}`)}</dd>
        <dt>{t('preferences.policy.deviceCode')}</dt><dd>{yesNo(e.deviceCodeAllowed)}</dd>
        <dt>{t('preferences.policy.broker')}</dt><dd>{yesNo(e.brokerRequired)}</dd>
        <dt>{t('preferences.policy.tenants')}</dt><dd>{e.allowedTenants?.join(', ') ?? t('preferences.policy.any')}</dd>
        <dt>{t('preferences.policy.copy')}</dt><dd>{yesNo(e.allowCopyFromTerminal)}</dd>
        <dt>{t('preferences.policy.paste')}</dt><dd>{yesNo(e.allowPasteToTerminal)}</dd>
        <dt>{t('preferences.policy.multiline')}</dt><dd>{yesNo(e.confirmMultilinePaste)}</dd>
        <dt>{t('preferences.policy.jit')}</dt><dd>{yesNo(e.requireJitBeforeSsh)}</dd>
        <dt>{t('preferences.policy.forwarding')}</dt><dd>{yesNo(e.auditForwarding)}</dd>
        <dt>{t('preferences.policy.links')}</dt><dd>{e.externalLinkHosts?.join(', ') ?? t('preferences.policy.defaultLinks')}</dd>
      </dl>
      {policy.enforced.length > 0 && <p className="muted small">{t('preferences.policy.enforced', { list: policy.enforced.join(', ') })}</p>}
    </section>
  );
}
