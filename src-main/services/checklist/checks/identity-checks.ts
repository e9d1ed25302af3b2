import type { ManagedCluster } from '@azure/arm-containerservice';
import { outcome, type Check, type CheckOutcome, type Fix } from '../check';
import { azTarget, fix, portalLink } from '../remediation';
import { say, shownValue } from '../check-text';

/**
 * The API server hop: how the cluster knows who the operator is (Microsoft Entra ID or local
 * accounts) and what decides what they may do (Azure RBAC or Kubernetes RBAC), each with the
 * `az aks update` that moves it toward the guide's recommendation.
 */

/** A check on every path that decides from the managed cluster alone; the API server enforces what it reads. */
function clusterCheck(id: string, title: string, decide: (c: ManagedCluster, portal: string) => CheckOutcome): Check {
  return { id, title, hops: ['api-server'], appliesTo: () => true, run: async (ctx) => decide(await ctx.facts.managedCluster(), ctx.portal) };
}

function enableEntra(c: ManagedCluster, portal: string): Fix {
  return fix(
    [say('entra.fix_enable', 'Enable managed Microsoft Entra ID integration, naming a group of cluster admins (kubectl then needs an Entra ID token: the console provides it).')],
    `az aks update ${azTarget(c.id!)} --enable-aad --aad-admin-group-object-ids <admin-group-object-id>`,
    portalLink(portal, c.id, 'configuration'),
  );
}

/** The cluster uses managed Microsoft Entra ID integration (OpenID Connect), as the guide recommends. */
export const entraIntegration = clusterCheck('entra-integration', 'Microsoft Entra ID integration', (c, portal) => {
  const aad = c.aadProfile;
  const cluster = shownValue(c.name);
  if (aad?.managed && aad.tenantID) return outcome.pass(say('entra.managed_tenant', `${cluster} uses managed Microsoft Entra ID integration (tenant ${aad.tenantID}); kubectl and command invoke run as you.`, { cluster, tenant: aad.tenantID }));
  if (aad?.managed) return outcome.pass(say('entra.managed', `${cluster} uses managed Microsoft Entra ID integration (tenant of its subscription); kubectl and command invoke run as you.`, { cluster }));
  return outcome.warn([say('entra.not_managed', `${cluster} has no managed Microsoft Entra ID integration: the API server knows only its local accounts, which are shared credentials, not you.`, { cluster })], enableEntra(c, portal));
});

/** Local accounts (the static admin credential) are disabled, so every request carries an Entra ID identity. */
export const localAccounts = clusterCheck('local-accounts', 'Local accounts disabled', (c, portal) => {
  const cluster = shownValue(c.name);
  if (c.disableLocalAccounts) return outcome.pass(say('local_accounts.disabled', `Local accounts are disabled on ${cluster}: every request to the API server is made as a Microsoft Entra ID identity.`, { cluster }));
  if (!c.aadProfile?.managed) return outcome.warn([say('local_accounts.only_way_in', `Local accounts are enabled on ${cluster}, and they are its only way in. Enable Microsoft Entra ID integration first, then disable local accounts.`, { cluster })], enableEntra(c, portal));
  return outcome.warn(
    [say('local_accounts.enabled', `Local accounts are enabled on ${cluster}: anyone holding the cluster's admin credentials reaches the API server without an Entra ID sign-in.`, { cluster })],
    fix([say('local_accounts.fix_disable', 'Disable local accounts (kubeconfigs with the static admin credential stop working).')], `az aks update ${azTarget(c.id!)} --disable-local-accounts`, portalLink(portal, c.id, 'configuration')),
  );
});

/** Which authorization decides: Azure RBAC (role assignments in Azure) or Kubernetes RBAC (bindings in the cluster). */
export const kubernetesAuthorization = clusterCheck('kubernetes-authorization', 'Azure RBAC or Kubernetes RBAC', (c, portalOrigin) => {
  const portal = portalLink(portalOrigin, c.id, 'configuration');
  const cluster = shownValue(c.name);
  if (c.enableRbac === false) {
    return outcome.fail(
      [say('authorization.rbac_disabled', `Kubernetes RBAC is disabled on ${cluster}: every authenticated user may do everything.`, { cluster })],
      fix([say('authorization.fix_recreate', 'RBAC cannot be turned on for an existing cluster; recreate it with RBAC (the default) and Microsoft Entra ID integration.')], null, portal),
    );
  }
  if (c.aadProfile?.managed && c.aadProfile.enableAzureRbac) {
    const roles = 'Azure Kubernetes Service RBAC Reader, Writer, Admin, Cluster Admin';
    return outcome.pass(say('authorization.azure_rbac', `${cluster} authorizes with Azure RBAC: your Azure role assignments (${roles}) decide what you may do, alongside any Kubernetes RBAC bindings.`, { cluster, roles }));
  }
  return outcome.warn(
    [say('authorization.kubernetes_rbac_only', `${cluster} authorizes with Kubernetes RBAC only: what you may do depends on Role and ClusterRole bindings inside the cluster, which Azure cannot show.`, { cluster })],
    c.aadProfile?.managed
      ? fix([say('authorization.fix_enable_azure_rbac', 'Enable Azure RBAC for Kubernetes authorization, then grant roles with az role assignment create.', { command: 'az role assignment create' })], `az aks update ${azTarget(c.id!)} --enable-azure-rbac`, portal)
      : enableEntra(c, portalOrigin),
  );
});
