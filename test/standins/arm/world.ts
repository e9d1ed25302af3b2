import { parseArmPath } from './arm-path';
import type { ClusterAccess } from '../apiserver';
import { merge } from './fixtures';

type Json = Record<string, unknown>;

/** A tenant row as `GET /tenants` returns it. */
export interface TenantRow extends Json {
  tenantId: string;
  displayName: string;
}

/** A subscription row as `GET /subscriptions` returns it. */
export interface SubscriptionRow extends Json {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: string;
}

/** Ids a test needs to address the scenario's main parts. */
export interface ScenarioMeta {
  readonly scenario: string;
  readonly tenantId: string;
  /** Subscription holding the scenario's cluster. */
  readonly subscriptionId: string;
  readonly clusterId: string;
  readonly jumpBoxId: string | null;
  readonly bastionId: string | null;
  readonly hubVnetId: string | null;
  readonly clusterVnetId: string | null;
  readonly zoneId: string | null;
  readonly jitPolicyId: string | null;
  /** The operator egress IP the scenario was built around (inside authorized ranges / NSG sources). */
  readonly operatorIp: string;
  /** How the scenario's cluster authenticates and authorizes (absent: as the fixture has it, local accounts). */
  readonly access?: ClusterAccess;
}

/** The whole simulated Azure estate the stand-in serves; tests mutate it between runs. */
export class World {
  readonly tenants: TenantRow[] = [];
  readonly subscriptions: SubscriptionRow[] = [];
  private readonly resources = new Map<string, Json>();
  /** VM instance views by lower-case VM id. */
  readonly instanceViews = new Map<string, Json>();
  /** sshd host public keys per lower-case VM id (served by VM Run Command). */
  readonly hostKeys = new Map<string, string[]>();
  /** Azure role assignments, as ARM lists them (`Microsoft.Authorization/roleAssignments` rows). */
  readonly roleAssignments: Json[] = [];
  /** Entra group memberships by principal (what `assignedTo()` expands). */
  readonly groupsOf = new Map<string, string[]>();
  meta: ScenarioMeta;

  /** Creates an empty world. */
  constructor(meta: ScenarioMeta) {
    this.meta = meta;
  }

  /** Adds or replaces a resource (its `id` is the key). */
  put<T extends Json>(resource: T): T {
    const id = resource.id;
    if (typeof id !== 'string') throw new Error('resource without id');
    this.resources.set(id.toLowerCase(), resource);
    return resource;
  }

  /** A resource by id, case-insensitively. */
  get(id: string): Json | undefined {
    return this.resources.get(id.toLowerCase());
  }

  /** Deletes a resource and its children; returns whether anything went. */
  remove(id: string): boolean {
    const key = id.toLowerCase();
    let removed = false;
    for (const k of [...this.resources.keys()]) {
      if (k === key || k.startsWith(`${key}/`)) {
        this.resources.delete(k);
        removed = true;
      }
    }
    return removed;
  }

  /** Deep-merges a patch into a resource (arrays replace; `undefined` deletes a key). */
  patch(id: string, patch: Json): Json {
    const current = this.get(id);
    if (!current) throw new Error(`no resource ${id} to patch`);
    return this.put(merge(current, patch));
  }

  /** Every resource. */
  all(): Json[] {
    return [...this.resources.values()];
  }

  /** Resources whose parsed id satisfies `match`. */
  where(match: (id: NonNullable<ReturnType<typeof parseArmPath>>, resource: Json) => boolean): Json[] {
    const out: Json[] = [];
    for (const resource of this.resources.values()) {
      const parsed = parseArmPath(String(resource.id));
      if (parsed && match(parsed, resource)) out.push(resource);
    }
    return out;
  }
}
