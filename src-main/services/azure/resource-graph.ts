import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { armCall, statusOf } from './arm-errors';
import { subject } from './arm-subject';
import { msRestHttpClient } from './arm-transport';
import type { ArmRetry } from './arm-service';

/** KQL listing every AKS cluster with the fields that decide how to reach it (arm-api.md §3.7). */
export const CLUSTER_QUERY = `Resources
| where type =~ 'microsoft.containerservice/managedclusters'
| extend ap = properties.apiServerAccessProfile
| project id, name, subscriptionId, resourceGroup, location,
          fqdn = tostring(properties.fqdn),
          privateFqdn = tostring(properties.privateFQDN),
          enablePrivateCluster = iff(isnull(ap.enablePrivateCluster), false, tobool(ap.enablePrivateCluster)),
          enablePrivateClusterPublicFQDN = tobool(ap.enablePrivateClusterPublicFQDN),
          privateDNSZone = tostring(ap.privateDNSZone),
          authorizedIPRanges = ap.authorizedIPRanges,
          disableRunCommand = tobool(ap.disableRunCommand),
          enableVnetIntegration = tobool(ap.enableVnetIntegration),
          apiServerSubnetId = tostring(ap.subnetId),
          publicNetworkAccess = tostring(properties.publicNetworkAccess),
          nodeResourceGroup = tostring(properties.nodeResourceGroup),
          nodeSubnetIds = properties.agentPoolProfiles
| order by subscriptionId asc, name asc`;

/** Options of the Resource Graph reader. */
export interface ResourceGraphOptions {
  readonly credential: TokenCredential;
  readonly endpoint: string;
  /** The configured ARM scope; ms-rest-js would otherwise pick one from its own list of clouds. */
  readonly scope: string;
  readonly httpClient: HttpClient;
  readonly retry: ArmRetry;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs Resource Graph queries and follows `$skipToken` to the last page. The 4.x SDK sits on
 * ms-rest-js, so its own retry policies are switched off and throttling is handled here the same
 * way as for the other clients (Retry-After honoured, bounded retries).
 */
export class ResourceGraphReader {
  private readonly client: ResourceGraphClient;

  /** Builds the client over the shared, origin-pinned transport. */
  constructor(private readonly options: ResourceGraphOptions) {
    const scoped: TokenCredential = { getToken: (_scopes, getTokenOptions) => options.credential.getToken(options.scope, getTokenOptions) };
    this.client = new ResourceGraphClient(scoped, {
      baseUri: options.endpoint,
      httpClient: msRestHttpClient(options.httpClient),
      noRetryPolicy: true,
    });
  }

  /** Every row of a query across the given subscriptions (or the whole tenant when none are given). */
  async queryAll(query: string, subscriptions?: string[], pageSize = 1000, maxRows = 100_000): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    let skipToken: string | undefined;
    do {
      const page = await this.page(query, subscriptions, pageSize, skipToken);
      if (Array.isArray(page.data)) rows.push(...(page.data as Record<string, unknown>[]));
      skipToken = page.skipToken;
    } while (skipToken && rows.length < maxRows);
    return rows;
  }

  private async page(query: string, subscriptions: string[] | undefined, top: number, skipToken: string | undefined) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await armCall(subject('resource-graph'), () =>
          this.client.resources({
            query,
            ...(subscriptions ? { subscriptions } : {}),
            options: { resultFormat: 'objectArray', ...(skipToken ? { skipToken } : { top }) },
          }),
        );
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        const status = statusOf(cause);
        const retryable = status === 429 || (status !== undefined && status >= 500);
        if (!retryable || attempt >= this.options.retry.maxRetries) throw error;
        await sleep(this.retryDelay(cause, attempt));
      }
    }
  }

  private retryDelay(error: unknown, attempt: number): number {
    const headers = (error as { response?: { headers?: { get(name: string): string | undefined } } }).response?.headers;
    const retryAfter = headers?.get('retry-after');
    const seconds = retryAfter !== undefined ? Number(retryAfter) : NaN;
    const base = Number.isFinite(seconds) ? seconds * 1000 : this.options.retry.retryDelayInMs * 2 ** attempt;
    return Math.min(base, this.options.retry.maxRetryDelayInMs);
  }
}
