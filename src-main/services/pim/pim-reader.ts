import type { RoleAssignmentScheduleInstance, RoleEligibilityScheduleInstance, RoleManagementPolicyAssignment } from '@azure/arm-authorization';
import type { z } from 'zod';
import type { PimActiveRole, PimEligibleRole } from '../../ipc/contract/pim';
import type { PimClient } from './pim-client';
import { subject, type ArmSubject } from '../azure';
import { pimCall } from './pim-errors';
import { policyFromRules, type PimPolicy } from './pim-policy';

/** An eligible role as the console shows it, plus what an activation request needs. */
export type EligibleRole = z.output<typeof PimEligibleRole> & { readonly scheduleId: string | null };
/** An active role as the console shows it. */
export type ActiveRole = z.output<typeof PimActiveRole>;

/** The SDK's scope parameter takes the id without its leading slash (`subscriptions/…`). */
export const sdkScope = (scope: string) => scope.replace(/^\/+/, '');

async function all<T>(what: ArmSubject, pages: AsyncIterable<T>): Promise<T[]> {
  return pimCall(what, async () => {
    const out: T[] = [];
    for await (const item of pages) out.push(item);
    return out;
  });
}

const nameOf = (scope: string, display?: string) => display ?? scope.split('/').at(-1) ?? scope;
const iso = (d: Date | undefined) => (d ? d.toISOString() : null);

/**
 * Reads the operator's own (`asTarget()`) eligibilities and activations at the given scopes (each
 * listing also returns what sits above it: resource group, subscription) and each eligible role's
 * policy, deduplicated by id.
 */
export class PimReader {
  /** Creates a reader over the SDK client. */
  constructor(private readonly client: PimClient) {}

  /** Eligible roles at and above `scopes`, with their policies, ending soonest first. */
  async eligible(scopes: readonly string[]): Promise<EligibleRole[]> {
    this.policies.clear();
    const rows = new Map<string, RoleEligibilityScheduleInstance>();
    for (const scope of scopes) {
      for (const row of await all(subject('pim-eligible-roles', nameOf(scope)), this.client.roleEligibilityScheduleInstances.listForScope(sdkScope(scope), { filter: 'asTarget()' }))) {
        if (row.id) rows.set(row.id.toLowerCase(), row);
      }
    }
    const out: EligibleRole[] = [];
    for (const row of rows.values()) {
      const scope = row.scope ?? '';
      const roleDefinitionId = row.roleDefinitionId ?? '';
      out.push({
        eligibilityId: row.id!,
        scheduleId: row.roleEligibilityScheduleId?.split('/').at(-1) ?? null,
        roleDefinitionId,
        roleName: row.expandedProperties?.roleDefinition?.displayName ?? roleDefinitionId.split('/').at(-1) ?? roleDefinitionId,
        scope,
        scopeName: nameOf(scope, row.expandedProperties?.scope?.displayName),
        eligibleUntil: iso(row.endDateTime),
        policy: await this.policy(scope, roleDefinitionId),
      });
    }
    return out;
  }

  /** Roles active now through an activation at and above `scopes`. */
  async active(scopes: readonly string[]): Promise<ActiveRole[]> {
    const rows = new Map<string, RoleAssignmentScheduleInstance>();
    for (const scope of scopes) {
      for (const row of await all(subject('pim-active-roles', nameOf(scope)), this.client.roleAssignmentScheduleInstances.listForScope(sdkScope(scope), { filter: 'asTarget()' }))) {
        if (row.id && row.assignmentType !== 'Assigned') rows.set(row.id.toLowerCase(), row);
      }
    }
    return [...rows.values()].map((row) => ({
      instanceId: row.id!,
      roleDefinitionId: row.roleDefinitionId ?? '',
      roleName: row.expandedProperties?.roleDefinition?.displayName ?? row.roleDefinitionId ?? '',
      scope: row.scope ?? '',
      scopeName: nameOf(row.scope ?? '', row.expandedProperties?.scope?.displayName),
      startsAt: iso(row.startDateTime),
      endsAt: iso(row.endDateTime),
    }));
  }

  private readonly policies = new Map<string, PimPolicy>();

  /** The policy of a role at a scope (the assignment of the policy that governs it), cached per scope and role. */
  async policy(scope: string, roleDefinitionId: string): Promise<PimPolicy> {
    const key = `${scope}|${roleDefinitionId}`.toLowerCase();
    const cached = this.policies.get(key);
    if (cached) return cached;
    const assignments: RoleManagementPolicyAssignment[] = await all(subject('pim-policy', nameOf(scope)), this.client.roleManagementPolicyAssignments.listForScope(sdkScope(scope)));
    const match = assignments.find((a) => a.roleDefinitionId?.toLowerCase() === roleDefinitionId.toLowerCase());
    const policy = policyFromRules(match?.effectiveRules);
    this.policies.set(key, policy);
    return policy;
  }
}
