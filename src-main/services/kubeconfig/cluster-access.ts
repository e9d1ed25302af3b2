import type { ManagedCluster } from '@azure/arm-containerservice';

/** How kubectl authenticates to a cluster, read from its ARM resource. */
export type ClusterAccess =
  | { readonly kind: 'entra'; readonly tenantId: string; readonly azureRbac: boolean; readonly localAccountsDisabled: boolean }
  | { readonly kind: 'legacy-entra' }
  | { readonly kind: 'local-accounts' };

/** Port: a cluster's authentication facts (ArmService.getCluster behind it). */
export interface ClusterAccessReader {
  clusterAccess(clusterId: string): Promise<ClusterAccess>;
}

/**
 * Managed Entra integration (`aadProfile.managed`) means tokens for the AKS server application in the
 * cluster's tenant (`aadProfile.tenantID`, else the tenant the cluster was found in). No aadProfile
 * means local accounts; the legacy integration (a customer server app) keeps what ARM returns.
 */
export function clusterAccessOf(cluster: ManagedCluster, foundInTenant: string | null): ClusterAccess {
  const aad = cluster.aadProfile;
  const tenantId = aad?.tenantID || foundInTenant;
  if (!aad) return { kind: 'local-accounts' };
  if (!aad.managed || !tenantId) return { kind: 'legacy-entra' };
  return { kind: 'entra', tenantId, azureRbac: aad.enableAzureRbac === true, localAccountsDisabled: cluster.disableLocalAccounts === true };
}
