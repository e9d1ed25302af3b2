import type { z } from 'zod';
import type { PimRequestView } from '../../ipc/contract/pim';
import type { AuditRecorder } from '../audit';
import { subject } from '../azure';
import { AppError } from '../errors';
import type { GraphPort } from './graph-client';
import { isoDuration } from './iso-duration';
import { pimCall, ruleError } from './pim-errors';
import { policyFromRules, type PimPolicy } from './pim-policy';
import { requestState } from './pim-status';

type Json = Record<string, unknown>;
type RequestView = z.output<typeof PimRequestView>;

/** A group membership the operator may activate (PIM for groups, `accessId: member`). */
export interface EligibleGroup {
  readonly eligibilityId: string;
  readonly groupId: string;
  /** The name the console shows (from the caller's map of groups that Kubernetes bindings name; else the id). */
  readonly groupName: string;
  readonly eligibleUntil: string | null;
  readonly policy: PimPolicy;
}

/** An active membership through an activation. */
export interface ActiveGroup {
  readonly instanceId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly endsAt: string | null;
}

/** Ports of the group PIM service. */
export interface GroupPimOptions {
  readonly graph: GraphPort;
  readonly principalId: () => Promise<string | null>;
  readonly audit: AuditRecorder;
  /** Display names of groups by object id (e.g. those the cluster's role bindings name). */
  readonly groupNames?: (groupId: string) => string | undefined;
  /**
   * Called after a membership changed: group claims live in the token, so the console drops the
   * AKS-scope tokens it holds and kubectl gets one minted after the change.
   */
  readonly membershipChanged: () => Promise<void>;
}

const BASE = '/v1.0/identityGovernance/privilegedAccess/group';
const q = (s: string) => encodeURIComponent(s);

/**
 * PIM for groups through Microsoft Graph: the operator's eligible and active group memberships,
 * each group's activation policy, and self activate / deactivate with the same checks, messages
 * and audit records as the resource roles. Graph permissions (delegated):
 * `PrivilegedEligibilitySchedule.Read.AzureADGroup`, `PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup`,
 * `RoleManagementPolicy.Read.AzureADGroup`.
 */
export class GroupPimService {
  private eligible = new Map<string, EligibleGroup>();

  /** Creates the service over a Graph port. */
  constructor(private readonly options: GroupPimOptions) {}

  /** Eligible and active group memberships of the signed-in operator. */
  async access(): Promise<{ eligible: EligibleGroup[]; active: ActiveGroup[] }> {
    const oid = await this.operator();
    const filter = q(`principalId eq '${oid}'`);
    const rows = ((await pimCall(subject('pim-eligible-groups'), () => this.options.graph.get(`${BASE}/eligibilityScheduleInstances?$filter=${filter}`))).value ?? []) as Json[];
    const eligible: EligibleGroup[] = [];
    for (const row of rows.filter((r) => r.accessId === 'member')) {
      const groupId = String(row.groupId);
      eligible.push({ eligibilityId: String(row.id), groupId, groupName: this.name(groupId), eligibleUntil: typeof row.endDateTime === 'string' ? row.endDateTime : null, policy: await this.policy(groupId) });
    }
    this.eligible = new Map(eligible.map((e) => [e.eligibilityId, e]));
    const active = ((await pimCall(subject('pim-active-groups'), () => this.options.graph.get(`${BASE}/assignmentScheduleInstances?$filter=${filter}`))).value ?? []) as Json[];
    return {
      eligible,
      active: active.filter((a) => a.assignmentType === 'activated').map((a) => ({ instanceId: String(a.id), groupId: String(a.groupId), groupName: this.name(String(a.groupId)), endsAt: typeof a.endDateTime === 'string' ? a.endDateTime : null })),
    };
  }

  /** Activates a membership (`selfActivate`) after checking the group's policy, then has the console mint fresh AKS tokens. */
  async activate(input: { eligibilityId: string; durationMinutes: number; justification?: string; ticketNumber?: string; ticketSystem?: string }): Promise<RequestView> {
    const e = this.eligible.get(input.eligibilityId);
    if (!e) throw new AppError('pim.eligibility_gone', 'That eligibility is not in your current list; refresh My access.');
    if (input.durationMinutes > e.policy.maxDurationMinutes) throw ruleError('ExpirationRule', ` Asked for ${input.durationMinutes} min, the maximum is ${e.policy.maxDurationMinutes} min.`);
    if (e.policy.justificationRequired && !input.justification?.trim()) throw ruleError('JustificationRule');
    if (e.policy.ticketRequired && (!input.ticketNumber?.trim() || !input.ticketSystem?.trim())) throw ruleError('TicketingRule');
    return this.request('pim.activate', e, 'selfActivate', {
      scheduleInfo: { startDateTime: new Date().toISOString(), expiration: { type: 'afterDuration', duration: isoDuration(input.durationMinutes) } },
      ...(input.justification?.trim() ? { justification: input.justification.trim() } : {}),
      ...(input.ticketNumber || input.ticketSystem ? { ticketInfo: { ticketNumber: input.ticketNumber, ticketSystem: input.ticketSystem } } : {}),
    }, input.durationMinutes);
  }

  /** Ends an active membership early (`selfDeactivate`). */
  async deactivate(groupId: string): Promise<RequestView> {
    const e = [...this.eligible.values()].find((x) => x.groupId === groupId);
    if (!e) throw new AppError('pim.eligibility_gone', 'No eligibility backs that membership; refresh My access.');
    return this.request('pim.deactivate', e, 'selfDeactivate', {}, null);
  }

  private async request(type: 'pim.activate' | 'pim.deactivate', e: EligibleGroup, action: string, extra: Json, minutes: number | null): Promise<RequestView> {
    const principalId = await this.operator();
    const details = { kind: 'group', group: e.groupName, groupId: e.groupId, ...(minutes !== null ? { durationMinutes: minutes } : {}), justification: typeof extra.justification === 'string' ? extra.justification : null };
    let r: Json;
    try {
      r = (await pimCall(subject('pim-group', e.groupName), () => this.options.graph.post(`${BASE}/assignmentScheduleRequests`, { accessId: 'member', principalId, groupId: e.groupId, action, ...extra }))) ?? {};
    } catch (error) {
      await this.options.audit.record({ type, outcome: 'failure', target: e.groupId, details: { ...details, error: (error as { code?: string }).code ?? 'internal' } });
      throw error;
    }
    const status = String(r.status ?? 'Unknown');
    const view: RequestView = { requestId: String(r.id ?? ''), state: requestState(status), status, roleName: e.groupName, scope: e.groupId, endsAt: null };
    await this.options.audit.record({ type, outcome: view.state === 'denied' || view.state === 'failed' ? 'denied' : 'success', target: e.groupId, details: { ...details, requestId: view.requestId, status } });
    if (view.state === 'active' || view.state === 'revoked') await this.options.membershipChanged();
    return view;
  }

  private async policy(groupId: string): Promise<PimPolicy> {
    const filter = q(`scopeId eq '${groupId}' and scopeType eq 'Group' and roleDefinitionId eq 'member'`);
    const rows = ((await pimCall(subject('pim-policy', this.name(groupId)), () => this.options.graph.get(`/v1.0/policies/roleManagementPolicyAssignments?$filter=${filter}&$expand=policy($expand=rules)`))).value ?? []) as Json[];
    const rules = (((rows[0]?.policy ?? {}) as Json).rules ?? []) as Json[];
    // Graph's rules carry `@odata.type` where ARM's carry `ruleType`; the fields that matter are the same.
    return policyFromRules(rules.map((r) => ({ ...r, ruleType: String(r['@odata.type'] ?? '').replace('#microsoft.graph.unified', '') })) as never);
  }

  private name(groupId: string): string {
    return this.options.groupNames?.(groupId) ?? groupId;
  }

  private async operator(): Promise<string> {
    const id = await this.options.principalId();
    if (!id) throw new AppError('pim.signed_out', 'Sign in to see and activate your eligible groups.');
    return id;
  }
}
