import { useTranslation } from 'react-i18next';
import { hoursMinutes, type EligibleRoleValue } from './pim-model';

/** "Azure Kubernetes Service RBAC Writer on aks-prod (up to 8 h, justification required)". */
export function RoleLine({ role }: { role: EligibleRoleValue }) {
  const { t } = useTranslation();
  const { h, m } = hoursMinutes(role.policy.maxDurationMinutes);
  const limits = [
    h && m ? t('pim.upToHm', { h, m }) : h ? t('pim.upToH', { h }) : t('pim.upToM', { m }),
    ...(role.policy.justificationRequired ? [t('pim.needs.justification')] : []),
    ...(role.policy.ticketRequired ? [t('pim.needs.ticket')] : []),
    ...(role.policy.mfaRequired ? [t('pim.needs.mfa')] : []),
    ...(role.policy.approvalRequired ? [t('pim.needs.approval')] : []),
  ];
  return <>{t('pim.eligibleFor', { role: role.roleName, scope: role.scopeName, limits: limits.join(t('pim.listSeparator')) })}</>;
}
