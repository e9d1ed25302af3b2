import type { TokenCredential } from '@azure/core-auth';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { pinnedHttpClient } from '../azure';

/** Options every ARM client takes (the net stack's `httpClient`, retry settings, ...). */
export type ArmClientOptions = NonNullable<ConstructorParameters<typeof SubscriptionClient>[1]>;

/** A tenant as ARM lists it. */
export interface DirectoryTenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomain?: string;
}

/** A subscription as ARM lists it. */
export interface DirectorySubscription {
  readonly subscriptionId: string;
  readonly displayName: string;
  readonly state: string;
  readonly tenantId: string;
}

/** Lists tenants and subscriptions with a given credential (ARM `/tenants`, `/subscriptions`). */
export interface TenantDirectory {
  listTenants(credential: TokenCredential): Promise<DirectoryTenant[]>;
  listSubscriptions(credential: TokenCredential): Promise<DirectorySubscription[]>;
}

/** The ARM implementation over `@azure/arm-resources-subscriptions`. */
export class ArmTenantDirectory implements TenantDirectory {
  private readonly clientOptions: ArmClientOptions;

  /**
   * Creates a directory for `endpoint`, asking for `scope`; `clientOptions` carries the net stack's
   * httpClient, which is pinned to `endpoint` here so an ARM token never follows a foreign `nextLink`.
   */
  constructor(
    private readonly endpoint: string,
    private readonly scope: string,
    clientOptions: ArmClientOptions = {},
  ) {
    this.clientOptions = { ...clientOptions, httpClient: pinnedHttpClient(endpoint, clientOptions.httpClient) };
  }

  async listTenants(credential: TokenCredential): Promise<DirectoryTenant[]> {
    const out: DirectoryTenant[] = [];
    for await (const t of this.client(credential).tenants.list()) {
      if (!t.tenantId) continue;
      out.push({ tenantId: t.tenantId, displayName: t.displayName ?? t.defaultDomain ?? t.tenantId, ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}) });
    }
    return out;
  }

  async listSubscriptions(credential: TokenCredential): Promise<DirectorySubscription[]> {
    const out: DirectorySubscription[] = [];
    for await (const s of this.client(credential).subscriptions.list()) {
      if (!s.subscriptionId) continue;
      out.push({ subscriptionId: s.subscriptionId, displayName: s.displayName ?? s.subscriptionId, state: s.state ?? 'Unknown', tenantId: s.tenantId ?? '' });
    }
    return out;
  }

  private client(credential: TokenCredential): SubscriptionClient {
    return new SubscriptionClient(credential, { ...this.clientOptions, endpoint: this.endpoint, credentialScopes: [this.scope] });
  }
}
