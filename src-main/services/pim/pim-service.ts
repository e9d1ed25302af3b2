import { randomUUID } from 'node:crypto';
import type { RoleAssignmentScheduleRequest } from '@azure/arm-authorization';
import type { z } from 'zod';
import type { PimAccess, PimActivateRequest, PimRequestView } from '../../ipc/contract/pim';
import type { AuditRecorder } from '../audit';
import { subject } from '../azure';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { isoDuration } from './iso-duration';
import type { PimClient } from './pim-client';
import { pimCall, ruleError, toPimError } from './pim-errors';
import { stepUpClaims, stepUpFailure } from './step-up';
import { PimReader, sdkScope, type ActiveRole, type EligibleRole } from './pim-reader';
import { isSettling, MINIMUM_ACTIVE_MINUTES, requestState } from './pim-status';

type Access = z.output<typeof PimAccess>;
type Activate = z.output<typeof PimActivateRequest>;
type RequestView = z.output<typeof PimRequestView>;

/** Ports of the PIM service. */
export interface PimServiceOptions {
  readonly client: PimClient;
  /** Object id of the signed-in operator (null: signed out). */
  readonly principalId: () => Promise<string | null>;
  readonly audit: AuditRecorder;
  readonly log: Logger;
  readonly clock?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Pause between status reads while ARM provisions a request. */
  readonly pollIntervalMs: number;
  /** How long to follow a provisioning request before reporting it as still pending. */
  readonly settleTimeoutMs: number;
  /**
   * A step-up sign-in for `claims` (interactive, never a device code), resolving to a client whose
   * requests carry the new token. Without it, an MFA refusal is reported as it is.
   */
  readonly stepUp?: (claims: string) => Promise<PimClient>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Privileged Identity Management for Azure resource roles: lists what the operator may activate
 * around a cluster (with each role's policy), activates, extends and deactivates their own roles
 * through `roleAssignmentScheduleRequests`, follows each request to its outcome and audits it.
 * Policy limits are checked before anything is sent; nothing is left running that the operator did
 * not ask for (a request still awaiting approval when they give up is cancelled).
 */
export class PimService {
  private client: PimClient;
  private reader: PimReader;
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private eligibleById = new Map<string, EligibleRole>();
  private activeById = new Map<string, ActiveRole>();

  /** Creates the service over the SDK client. */
  constructor(private readonly options: PimServiceOptions) {
    this.client = options.client;
    this.reader = new PimReader(options.client);
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep ?? wait;
  }

  /** What the operator may activate, has active and is waiting for, at and above `scopes` (cluster, jump box, Bastion …). */
  async access(scopes: readonly string[]): Promise<Access> {
    await this.operator();
    const [eligible, active] = [await this.reader.eligible(scopes), await this.reader.active(scopes)];
    this.eligibleById = new Map(eligible.map((e) => [e.eligibilityId.toLowerCase(), e]));
    this.activeById = new Map(active.map((a) => [a.instanceId.toLowerCase(), a]));
    const pending: RequestView[] = [];
    for (const scope of scopes) {
      const requests = await pimCall(subject('pim-pending', scope.split('/').at(-1) ?? scope), async () => {
        const out: RoleAssignmentScheduleRequest[] = [];
        for await (const r of this.client.roleAssignmentScheduleRequests.listForScope(sdkScope(scope), { filter: 'asTarget()' })) out.push(r);
        return out;
      });
      for (const r of requests) {
        const view = this.view(r);
        if (view.state.startsWith('pending') && !pending.some((p) => p.requestId === view.requestId)) pending.push(view);
      }
    }
    return { eligible: eligible.map(({ scheduleId: _s, ...e }) => e), active, pending };
  }

  /** Eligible roles from the last listing (for the renderer's offers and tests). */
  eligibleRoles(): EligibleRole[] {
    return [...this.eligibleById.values()];
  }

  /** Activates an eligible role for the operator (`SelfActivate`), after checking the policy's limits here first. */
  async activate(input: Activate): Promise<RequestView> {
    const role = this.eligibility(input.eligibilityId);
    this.checkPolicy(role, input);
    return this.request('pim.activate', 'SelfActivate', role, input);
  }

  /** Extends an active role (`SelfExtend`) by a new duration, within the same policy limits. */
  async extend(input: Activate): Promise<RequestView> {
    const role = this.eligibility(input.eligibilityId);
    if (![...this.activeById.values()].some((a) => this.sameRole(a, role))) throw new AppError('pim.not_active', `${role.roleName} on ${role.scopeName} is not active; activate it instead.`);
    this.checkPolicy(role, input);
    return this.request('pim.extend', 'SelfExtend', role, input);
  }

  /** Ends an activation early (`SelfDeactivate`). */
  async deactivate(instanceId: string): Promise<RequestView> {
    const active = this.activeById.get(instanceId.toLowerCase());
    if (!active) throw new AppError('pim.not_active', 'That role is not active (it may have expired); refresh My access.');
    const role = [...this.eligibleById.values()].find((e) => this.sameRole(active, e));
    if (!role) throw new AppError('pim.eligibility_gone', `No eligibility backs ${active.roleName} on ${active.scopeName}; it cannot be deactivated from here.`);
    const allowedAt = active.startsAt ? Date.parse(active.startsAt) + MINIMUM_ACTIVE_MINUTES * 60_000 : 0;
    if (this.clock().getTime() < allowedAt) {
      throw new AppError('pim.active_too_short', `${active.roleName} on ${active.scopeName} has been active for less than ${MINIMUM_ACTIVE_MINUTES} minutes; Azure allows deactivating it from ${new Date(allowedAt).toISOString()}.`, { params: { at: new Date(allowedAt).toISOString() } });
    }
    const view = await this.request('pim.deactivate', 'SelfDeactivate', role, { eligibilityId: role.eligibilityId, durationMinutes: 5 });
    this.activeById.delete(instanceId.toLowerCase());
    return view;
  }

  /** Reads a request's current state (e.g. while approval is pending). */
  async status(requestId: string): Promise<RequestView> {
    const { scope, name } = splitRequestId(requestId);
    return this.view(await pimCall(subject('pim-request'), () => this.client.roleAssignmentScheduleRequests.get(scope, name)));
  }

  /** Withdraws a request still waiting for approval, so no activation starts later that the operator gave up on. */
  async cancel(requestId: string): Promise<RequestView> {
    const { scope, name } = splitRequestId(requestId);
    const before = await this.status(requestId);
    if (before.state !== 'pending-approval') throw new AppError('pim.not_pending', 'Only a request waiting for approval can be withdrawn.');
    await pimCall(subject('pim-withdraw'), () => this.client.roleAssignmentScheduleRequests.cancel(scope, name));
    await this.options.audit.record({ type: 'pim.cancel', outcome: 'success', target: before.scope, details: { role: before.roleName, scope: before.scope, requestId } });
    return this.status(requestId);
  }

  private async operator(): Promise<string> {
    const id = await this.options.principalId();
    if (!id) throw new AppError('pim.signed_out', 'Sign in to see and activate your eligible roles.');
    return id;
  }

  private eligibility(eligibilityId: string): EligibleRole {
    const role = this.eligibleById.get(eligibilityId.toLowerCase());
    if (!role) throw new AppError('pim.eligibility_gone', 'That eligibility is not in your current list; refresh My access.');
    if (role.eligibleUntil && Date.parse(role.eligibleUntil) <= this.clock().getTime()) {
      throw new AppError('pim.eligibility_gone', `Your eligibility for ${role.roleName} on ${role.scopeName} ended at ${role.eligibleUntil}.`);
    }
    return role;
  }

  private checkPolicy(role: EligibleRole, input: Activate): void {
    const p = role.policy;
    if (input.durationMinutes > p.maxDurationMinutes) throw ruleError('ExpirationRule', ` Asked for ${input.durationMinutes} min, the maximum is ${p.maxDurationMinutes} min.`);
    if (p.justificationRequired && !input.justification?.trim()) throw ruleError('JustificationRule');
    if (p.ticketRequired && (!input.ticketNumber?.trim() || !input.ticketSystem?.trim())) throw ruleError('TicketingRule');
  }

  private sameRole(a: { scope: string; roleDefinitionId: string }, b: { scope: string; roleDefinitionId: string }): boolean {
    return a.scope.toLowerCase() === b.scope.toLowerCase() && a.roleDefinitionId.toLowerCase() === b.roleDefinitionId.toLowerCase();
  }

  private async request(type: 'pim.activate' | 'pim.extend' | 'pim.deactivate', requestType: string, role: EligibleRole, input: Activate): Promise<RequestView> {
    const principalId = await this.operator();
    const name = randomUUID();
    const deactivate = requestType === 'SelfDeactivate';
    const justification = input.justification?.trim();
    const body: RoleAssignmentScheduleRequest = {
      principalId,
      roleDefinitionId: role.roleDefinitionId,
      requestType,
      ...(role.scheduleId && !deactivate ? { linkedRoleEligibilityScheduleId: role.scheduleId } : {}),
      ...(deactivate ? {} : { scheduleInfo: { startDateTime: this.clock(), expiration: { type: 'AfterDuration', duration: isoDuration(input.durationMinutes) } } }),
      ...(justification ? { justification } : {}),
      ...(input.ticketNumber || input.ticketSystem ? { ticketInfo: { ticketNumber: input.ticketNumber, ticketSystem: input.ticketSystem } } : {}),
    };
    const details = { role: role.roleName, roleDefinitionId: role.roleDefinitionId, scope: role.scope, ...(deactivate ? {} : { durationMinutes: input.durationMinutes }), justification: justification ?? null, ticket: input.ticketNumber ?? null };
    let view: RequestView;
    try {
      view = this.view(await this.createWithStepUp(role, name, body));
      view = await this.settle(view);
    } catch (error) {
      await this.options.audit.record({ type, outcome: 'failure', target: role.scope, details: { ...details, error: (error as { code?: string }).code ?? 'internal' } });
      throw error;
    }
    const outcome = view.state === 'denied' || view.state === 'failed' ? 'denied' : 'success';
    await this.options.audit.record({ type, outcome, target: role.scope, details: { ...details, requestId: view.requestId, status: view.status } });
    if (view.state === 'denied') throw new AppError('pim.denied', `The request for ${role.roleName} on ${role.scopeName} was denied.`);
    if (view.state === 'failed') throw new AppError('pim.failed', `Azure could not complete the request for ${role.roleName} on ${role.scopeName} (${view.status}).`);
    return view;
  }

  /**
   * Sends a schedule request; when ARM refuses it for want of MFA or an authentication context,
   * steps the operator's sign-in up for the claims ARM names and sends it once more with the new token.
   */
  private async createWithStepUp(role: EligibleRole, name: string, body: RoleAssignmentScheduleRequest): Promise<RoleAssignmentScheduleRequest> {
    const what = subject('pim-role', `${role.roleName} (${role.scopeName})`);
    const send = () => this.client.roleAssignmentScheduleRequests.create(sdkScope(role.scope), name, body);
    try {
      return await send();
    } catch (error) {
      const claims = this.options.stepUp ? stepUpClaims(error) : null;
      if (!claims || !this.options.stepUp) throw toPimError(error, what);
      this.options.log.info('activation needs a step-up sign-in', { role: role.roleName });
      try {
        this.client = await this.options.stepUp(claims);
      } catch (stepUpError) {
        throw stepUpFailure(stepUpError, `${role.roleName} on ${role.scopeName}`);
      }
      this.reader = new PimReader(this.client);
      return pimCall(what, send);
    }
  }

  /** Follows a request while ARM provisions it, up to the settle timeout. */
  private async settle(view: RequestView): Promise<RequestView> {
    const deadline = this.clock().getTime() + this.options.settleTimeoutMs;
    let current = view;
    while (isSettling(current.state) && this.clock().getTime() < deadline) {
      await this.sleep(this.options.pollIntervalMs);
      current = await this.status(current.requestId);
    }
    return current;
  }

  private view(r: RoleAssignmentScheduleRequest): RequestView {
    const start = r.scheduleInfo?.startDateTime;
    const minutes = r.scheduleInfo?.expiration?.duration;
    const endsAt = r.scheduleInfo?.expiration?.endDateTime ?? (start && minutes ? addIso(start, minutes) : undefined);
    return {
      requestId: r.id ?? '',
      state: requestState(r.status),
      status: r.status ?? 'Unknown',
      roleName: r.expandedProperties?.roleDefinition?.displayName ?? r.roleDefinitionId ?? '',
      scope: r.scope ?? '',
      endsAt: endsAt ? endsAt.toISOString() : null,
    };
  }
}

function addIso(start: Date, duration: string): Date | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration);
  return m ? new Date(start.getTime() + (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60_000) : undefined;
}

/** Splits a request's ARM id into the SDK's scope and name. */
function splitRequestId(requestId: string): { scope: string; name: string } {
  const m = /^(.*)\/providers\/Microsoft\.Authorization\/roleAssignmentScheduleRequests\/([^/]+)$/i.exec(requestId);
  if (!m) throw new AppError('pim.bad_request', 'That is not a role assignment schedule request id.');
  return { scope: sdkScope(m[1]!), name: m[2]! };
}
