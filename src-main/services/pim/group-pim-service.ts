import type { z } from 'zod';
import type { PimActivateRequest, PimRequestView } from '../../ipc/contract/pim';
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

/** An activation or extension of a membership as the operator asks for it (the same form as a role's). */
export type GroupRequestInput = z.output<typeof PimActivateRequest>;

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
 * PIM for groups through Microsoft Graph: the operator's eligible and active group memberships and
 * requests awaiting approval, each group's activation policy, and self activate / extend /
 * deactivate / withdraw with the same checks, messages and audit records as the resource roles. Graph permissions (delegated):
 * `PrivilegedEligibilitySchedule.Read.AzureADGroup`, `PrivilegedAssignmentSchedule.ReadWrite.AzureADGroup`,
 * `RoleManagementPolicy.Read.AzureADGroup`.
 */
export class GroupPimService {
  private eligible = new Map<string, EligibleGroup>();
  /** Groups the console last knew active (null: not listed yet); a change it did not make itself (an approval, an expiry) renews tokens too. */
  private knownActive: Set<string> | null = null;

  /** Creates the service over a Graph port. */
  constructor(private readonly options: GroupPimOptions) {}

  /** Eligible and active group memberships of the signed-in operator, and activations waiting for approval. */
  async access(): Promise<{ eligible: EligibleGroup[]; active: ActiveGroup[]; pending: RequestView[] }> {
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
    const requests = ((await pimCall(subject('pim-pending'), () => this.options.graph.get(`${BASE}/assignmentScheduleRequests?$filter=${filter}`))).value ?? []) as Json[];
    const activeIds = new Set(active.filter((a) => a.assignmentType === 'activated').map((a) => String(a.groupId)));
    const changed = this.knownActive !== null && (activeIds.size !== this.knownActive.size || [...activeIds].some((id) => !this.knownActive!.has(id)));
    this.knownActive = activeIds;
    if (changed) await this.options.membershipChanged();
    return {
      pending: requests.map((r) => this.view(r)).filter((v) => v.state === 'pending-approval'),
      eligible,
      active: active.filter((a) => a.assignmentType === 'activated').map((a) => ({ instanceId: String(a.id), groupId: String(a.groupId), groupName: this.name(String(a.groupId)), endsAt: typeof a.endDateTime === 'string' ? a.endDateTime : null })),
    };
  }

  /** Activates a membership (`selfActivate`) after checking the group's policy, then has the console mint fresh AKS tokens; approval-required groups end in pending. */
  async activate(input: GroupRequestInput): Promise<RequestView> {
    const e = this.checked(input);
    return this.request('pim.activate', e, 'selfActivate', this.schedule(input), input.durationMinutes);
  }

  /** Lengthens an active membership (`selfExtend`) by a new duration from now, within the same policy limits. */
  async extend(input: GroupRequestInput): Promise<RequestView> {
    const e = this.checked(input);
    const { active } = await this.access();
    if (!active.some((a) => a.groupId === e.groupId)) throw new AppError('pim.not_active', `Membership of ${e.groupName} is not active; activate it instead.`);
    return this.request('pim.extend', e, 'selfExtend', this.schedule(input), input.durationMinutes);
  }

  /** Withdraws an activation request still waiting for approval, so no membership starts later that the operator gave up on. */
  async cancel(requestId: string): Promise<RequestView> {
    const path = `${BASE}/assignmentScheduleRequests/${q(requestId)}`;
    const before = this.view(await pimCall(subject('pim-request'), () => this.options.graph.get(path)));
    if (before.state !== 'pending-approval') throw new AppError('pim.not_pending', 'Only a request waiting for approval can be withdrawn.');
    await pimCall(subject('pim-withdraw'), () => this.options.graph.post(`${path}/cancel`));
    await this.options.audit.record({ type: 'pim.cancel', outcome: 'success', target: before.scope, details: { kind: 'group', group: before.roleName, groupId: before.scope, requestId } });
    return this.view(await pimCall(subject('pim-request'), () => this.options.graph.get(path)));
  }

  /** Ends an active membership early (`selfDeactivate`). */
  async deactivate(groupId: string): Promise<RequestView> {
    const e = [...this.eligible.values()].find((x) => x.groupId === groupId);
    if (!e) throw new AppError('pim.eligibility_gone', 'No eligibility backs that membership; refresh My access.');
    return this.request('pim.deactivate', e, 'selfDeactivate', {}, null);
  }

  private checked(input: GroupRequestInput): EligibleGroup {
    const e = this.eligible.get(input.eligibilityId);
    if (!e) throw new AppError('pim.eligibility_gone', 'That eligibility is not in your current list; refresh My access.');
    if (input.durationMinutes > e.policy.maxDurationMinutes) throw ruleError('ExpirationRule', ` Asked for ${input.durationMinutes} min, the maximum is ${e.policy.maxDurationMinutes} min.`);
    if (e.policy.justificationRequired && !input.justification?.trim()) throw ruleError('JustificationRule');
    if (e.policy.ticketRequired && (!input.ticketNumber?.trim() || !input.ticketSystem?.trim())) throw ruleError('TicketingRule');
    return e;
  }

  private schedule(input: GroupRequestInput): Json {
    return {
      scheduleInfo: { startDateTime: new Date().toISOString(), expiration: { type: 'afterDuration', duration: isoDuration(input.durationMinutes) } },
      ...(input.justification?.trim() ? { justification: input.justification.trim() } : {}),
      ...(input.ticketNumber || input.ticketSystem ? { ticketInfo: { ticketNumber: input.ticketNumber, ticketSystem: input.ticketSystem } } : {}),
    };
  }

  /** A Graph request in the console's terms (the group's name as the role, its id as the scope). */
  private view(r: Json): RequestView {
    const status = String(r.status ?? 'Unknown');
    const groupId = String(r.groupId ?? '');
    return { requestId: String(r.id ?? ''), state: requestState(status), status, roleName: this.name(groupId), scope: groupId, endsAt: null };
  }

  private async request(type: 'pim.activate' | 'pim.extend' | 'pim.deactivate', e: EligibleGroup, action: string, extra: Json, minutes: number | null): Promise<RequestView> {
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
    const view: RequestView = { ...this.view(r), roleName: e.groupName, scope: e.groupId };
    await this.options.audit.record({ type, outcome: view.state === 'denied' || view.state === 'failed' ? 'denied' : 'success', target: e.groupId, details: { ...details, requestId: view.requestId, status } });
    if (type !== 'pim.extend' && (view.state === 'active' || view.state === 'revoked')) {
      if (view.state === 'active') this.knownActive?.add(e.groupId);
      else this.knownActive?.delete(e.groupId);
      await this.options.membershipChanged();
    }
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
