import { useTranslation } from 'react-i18next';
import { MyAccessPanel } from './my-access-panel';

/** Bastion's own 403 code (its token request or the ARM read before it was refused). */
export const BASTION_FORBIDDEN = 'bastion.forbidden';

/**
 * After Bastion refused the connection with 403: names the role Bastion needs (Reader on the
 * Bastion host and on the target) and opens My access for those two resources, so an eligible
 * role there can be activated before the tunnel is opened again.
 */
export function BastionAccessOffer({ bastionId, targetId }: { bastionId: string; targetId: string }) {
  const { t } = useTranslation();
  return (
    <div className="notice-warning" data-testid="pim-bastion-offer">
      <p>{t('pim.bastionNeeds', { bastion: bastionId.split('/').at(-1) ?? bastionId })}</p>
      <MyAccessPanel scopes={[bastionId, targetId]} initiallyOpen />
    </div>
  );
}
