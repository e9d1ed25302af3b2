import type { TokenCredential } from '@azure/core-auth';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { AppError } from '../errors';

/** Who an `az aks command invoke` command runs as: the signed-in operator (managed Entra), or the cluster's own admin credentials. */
export interface CommandRunAs {
  readonly kind: 'operator' | 'cluster-admin';
  /** The operator's user name when `kind` is `operator`. */
  readonly username: string | null;
}

/** The port command invoke uses for the operator's AKS token (the AuthService in the app). */
export interface ClusterCredential {
  readonly credential: TokenCredential;
  /** `6dae42f8-4368-4678-94ff-3960e28e3630/.default` unless the configuration says otherwise. */
  readonly scope: string;
  /** The signed-in operator's user name. */
  operator(): Promise<string | null>;
}

/**
 * What runCommand must carry for `cluster`, as `az aks command invoke` does it: on managed-Entra
 * clusters the operator's token for the AKS server app in the cluster's own tenant, so the command
 * runs under the operator's Kubernetes / Azure RBAC; elsewhere no token (the command pod uses the
 * cluster's admin credentials).
 */
export async function commandIdentity(cluster: ManagedCluster, fallbackTenant: string | null, port: ClusterCredential | undefined): Promise<{ clusterToken: string; runAs: CommandRunAs }> {
  const aad = cluster.aadProfile;
  if (!aad?.managed) return { clusterToken: '', runAs: { kind: 'cluster-admin', username: null } };
  if (!port) throw new AppError('azure.cluster_token_unavailable', 'This console cannot get a cluster token, so command invoke cannot run as you on this Microsoft Entra ID cluster.');
  const tenantId = aad.tenantID ?? fallbackTenant ?? undefined;
  const token = await port.credential.getToken(port.scope, tenantId ? { tenantId } : {});
  if (!token?.token) throw new AppError('azure.cluster_token_unavailable', `No token for the cluster's Microsoft Entra ID tenant${tenantId ? ` (${tenantId})` : ''}: sign in again and retry.`);
  return { clusterToken: token.token, runAs: { kind: 'operator', username: await port.operator() } };
}
