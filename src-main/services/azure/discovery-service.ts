import type { z } from 'zod';
import type { Inventory as InventorySchema, SubscriptionAccess } from '../../ipc/contract/azure';
import type { Logger } from '../log';
import type { ArmService } from './arm-service';
import { isAppError, coded, messageOf } from '../errors';
import type { Message } from '../../ipc/contract/message';
import { CLUSTER_QUERY } from './resource-graph';
import { factsFromManagedCluster, summarizeCluster, type ClusterFacts, type ClusterSummary } from './cluster-summary';
import { Emitter, type Event } from '../events';

/** The inventory of one tenant. */
export type Inventory = z.output<typeof InventorySchema>;
type SubscriptionRow = z.output<typeof SubscriptionAccess>;

/** Options of discovery. */
export interface DiscoveryOptions {
  /** Subscriptions listed at once by the per-subscription fallback. */
  readonly fallbackConcurrency: number;
  readonly now?: () => Date;
}

/** Runs `worker` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, worker: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Subscriptions named in one Resource Graph request (ARG's guidance is to batch large scopes). */
const GRAPH_SUBSCRIPTION_BATCH = 1000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when `error` (or what caused it) is the sign-in needing a person: not a fact about Azure. */
export function isSignInExpired(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isAppError(e) && (e.code === 'auth.sign_in_required' || e.code === 'auth.conditional_access')) return true;
  }
  return false;
}

/**
 * Lists every AKS cluster of the signed-in tenant: one Resource Graph query paged with
 * `$skipToken`, or, when Resource Graph is unavailable, one listing per subscription. The result is
 * cached per tenant with its "as of" time until the operator refreshes.
 */
export class DiscoveryService {
  private readonly cache = new Map<string, Inventory>();
  private readonly changes = new Emitter<[inventory: Inventory]>();
  private readonly log: Logger;
  private readonly now: () => Date;

  /** Creates the service over an ArmService for the current sign-in. */
  constructor(
    private readonly arm: () => ArmService,
    log: Logger,
    private readonly options: DiscoveryOptions = { fallbackConcurrency: 8 },
  ) {
    this.log = log.child('discovery');
    this.now = options.now ?? (() => new Date());
  }

  /** The inventory of a tenant, from cache unless `refresh` is set or nothing is cached. */
  async inventory(tenantId: string | null, refresh = false): Promise<Inventory> {
    const key = tenantId ?? '';
    const cached = this.cache.get(key);
    if (cached && !refresh) return { ...cached, fromCache: true };
    let fresh: Inventory;
    try {
      fresh = await this.discover(tenantId);
    } catch (error) {
      // An expired sign-in is not missing data: the last good inventory stays, marked as of its time.
      if (cached && isSignInExpired(error)) return { ...cached, fromCache: true, signInExpired: true };
      throw error;
    }
    this.cache.set(key, fresh);
    this.changes.fire(fresh);
    return fresh;
  }

  /** One cached cluster by id (case-insensitive), if any inventory holds it. */
  cachedCluster(clusterId: string): ClusterSummary | undefined {
    const wanted = clusterId.toLowerCase();
    for (const inventory of this.cache.values()) {
      const hit = inventory.clusters.find((c) => c.id.toLowerCase() === wanted);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Subscribes to fresh inventories; returns a disposer. */
  readonly onDidChange: Event<[inventory: Inventory]> = this.changes.event;

  /** Forgets every cached inventory (sign-out, tenant switch). */
  clear(): void {
    this.cache.clear();
  }

  private async discover(tenantId: string | null): Promise<Inventory> {
    const arm = this.arm();
    const warnings: Message[] = [];
    const subscriptions = await arm.listSubscriptions();
    const inTenant = subscriptions.filter((s) => !tenantId || !s.tenantId || s.tenantId === tenantId);
    const names = new Map(inTenant.map((s) => [String(s.subscriptionId ?? '').toLowerCase(), s.displayName ?? null]));
    const rows: SubscriptionRow[] = inTenant
      .filter((s) => s.subscriptionId)
      .map((s) => ({ subscriptionId: s.subscriptionId!, displayName: s.displayName ?? null, state: s.state ?? null, access: 'ok', reason: null }));
    const subscriptionIds = rows.map((r) => r.subscriptionId);
    let source: Inventory['source'] = 'resource-graph';
    let facts: ClusterFacts[];
    try {
      facts = [];
      for (let i = 0; i < subscriptionIds.length; i += GRAPH_SUBSCRIPTION_BATCH) {
        facts.push(...(await arm.graph.queryAll(CLUSTER_QUERY, subscriptionIds.slice(i, i + GRAPH_SUBSCRIPTION_BATCH))));
      }
    } catch (error) {
      if (isSignInExpired(error)) throw error;
      this.log.warn('resource graph unavailable; listing per subscription', { error: message(error) });
      const cause = messageOf(error);
      warnings.push(coded('discovery.graph_unavailable', `Azure Resource Graph was unavailable (${message(error)}); clusters were listed subscription by subscription.`, { ...cause.params, '@cause': cause.code }));
      source = 'per-subscription';
      facts = (
        await mapLimit(rows, this.options.fallbackConcurrency, async (row) => {
          try {
            return (await arm.listClusters(row.subscriptionId)).map(factsFromManagedCluster);
          } catch (err) {
            if (isSignInExpired(err)) throw err;
            row.access = isAppError(err) && (err.code === 'azure.forbidden' || err.code === 'azure.not_found') ? 'lost' : 'error';
            row.reason = messageOf(err);
            return [];
          }
        })
      ).flat();
    }
    const clusters: ClusterSummary[] = [];
    for (const fact of facts) {
      const summary = summarizeCluster(fact, null);
      if (!summary) {
        warnings.push(coded('discovery.record_skipped', 'A cluster record without a usable id was skipped.'));
        continue;
      }
      clusters.push({ ...summary, subscriptionName: names.get(summary.subscriptionId.toLowerCase()) ?? null });
    }
    clusters.sort((a, b) => (a.subscriptionName ?? a.subscriptionId).localeCompare(b.subscriptionName ?? b.subscriptionId) || a.name.localeCompare(b.name));
    return { tenantId, asOf: this.now().toISOString(), source, fromCache: false, clusters, subscriptions: rows, warnings };
  }
}
