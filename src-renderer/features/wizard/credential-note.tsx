import { useTranslation } from 'react-i18next';
import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** Which credential a written kubeconfig context uses. */
export type ContextCredentialValue = InvokeResponse<'kubeconfig.preview'>['credential'];

/**
 * Says how kubectl will authenticate with the context about to be written; for a local-account
 * cluster it also says what Microsoft's guide recommends instead (Entra ID integration, local accounts disabled).
 */
export function CredentialNote({ credential }: { credential: ContextCredentialValue }) {
  const { t } = useTranslation();
  return (
    <div className={credential === 'local-accounts' ? 'notice warning' : 'notice'} data-testid="kubeconfig-credential" role="note">
      <p>{t(`wizard.kubeconfig.credential.${credential}`)}</p>
      {credential === 'local-accounts' && <p>{t('wizard.kubeconfig.credential.recommendation')}</p>}
    </div>
  );
}
