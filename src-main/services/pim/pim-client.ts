import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { pinnedHttpClient } from '../azure';

/** The operation groups of `@azure/arm-authorization` the PIM service uses (tests may hand in a fake). */
export type PimClient = Pick<AuthorizationManagementClient, 'roleEligibilityScheduleInstances' | 'roleAssignmentScheduleInstances' | 'roleManagementPolicyAssignments' | 'roleAssignmentScheduleRequests'>;

/** How to reach Resource Manager for PIM: the same credential, endpoint, scope and transport as every other ARM call. */
export interface PimClientOptions {
  readonly credential: TokenCredential;
  readonly endpoint: string;
  readonly scope: string;
  readonly httpClient?: HttpClient | undefined;
  readonly retry: { readonly maxRetries: number; readonly retryDelayInMs: number; readonly maxRetryDelayInMs: number };
}

/**
 * The official SDK client, pinned to the configured endpoint. Every PIM operation is scope-based,
 * so the subscription id the constructor insists on is never used in a path.
 */
export function createPimClient(options: PimClientOptions): PimClient {
  return new AuthorizationManagementClient(options.credential, '00000000-0000-0000-0000-000000000000', {
    endpoint: options.endpoint,
    credentialScopes: [options.scope],
    httpClient: pinnedHttpClient(options.endpoint, options.httpClient),
    retryOptions: options.retry,
  });
}
