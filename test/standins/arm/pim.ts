/**
 * Privileged Identity Management for Azure resource roles in the ARM stand-in: eligibility and
 * assignment schedule instances, role management policy assignments and schedule requests
 * (`SelfActivate`, `SelfExtend`, `SelfDeactivate`, cancel), with bodies built from the official
 * 2020-10-01 examples. A provisioned activation adds a row to `world.roleAssignments`, so the API
 * server stand-in's Azure-RBAC decisions follow it; deactivation and expiry take the row away.
 *
 * ```ts
 * const e = makeEligible(arm.world, operatorOid, 'writer', { policy: { maxDuration: 'PT8H', justification: true } });
 * pimOf(arm.world).provisioningDelayMs = 200;   // PendingProvisioning → Provisioned after 200 ms
 * decide(arm.world, requestName, 'deny');       // the approver's answer to a PendingApproval request
 * ```
 * Policy rules are enforced here too (duration, justification, ticket, MFA), so a test can show
 * the server refusing what a client let through.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { aksRoleAssignment, aksRoleName, type AksRoleName } from '../apiserver';
import { DEFAULT_IDS } from '../entra/directory';
import { fixtureBody } from './fixtures';
import { roleAssignmentRow } from './role-assignments';
import type { World } from './world';

type Json = Record<string, unknown>;

/** What the role management policy demands of an end user's activation. */
export interface PimPolicy {
  /** ISO 8601 duration, e.g. `PT8H`. */
  readonly maxDuration: string;
  readonly justification: boolean;
  readonly ticket: boolean;
  readonly mfa: boolean;
  readonly approval: boolean;
  /** A Conditional Access authentication context (`c1` …) the activating token's `acrs` must name; null: none. */
  readonly authContext?: string | null;
}

/** One eligibility (a role the principal may activate at a scope). */
export interface Eligibility {
  readonly name: string;
  readonly principalId: string;
  readonly roleDefinitionId: string;
  readonly roleName: string;
  readonly scope: string;
  readonly start: string;
  /** ISO time after which the eligibility is gone. */
  end: string;
  readonly policy: PimPolicy;
}

interface Active {
  readonly instanceName: string;
  readonly eligibility: Eligibility;
  readonly requestName: string;
  start: string;
  end: string;
  readonly assignmentRowId: string;
  timer?: NodeJS.Timeout;
}

/** The PIM part of a world. */
export interface PimState {
  readonly eligibilities: Eligibility[];
  readonly requests: Map<string, Json>;
  readonly active: Active[];
  /** 0: a request is Provisioned in the PUT's answer; otherwise PendingProvisioning until this delay passes. */
  provisioningDelayMs: number;
  /** When set, every PIM call answers 403 (the app or the user lacks the permission). */
  forbidden: boolean;
  /** Compresses time: an activation lasts its duration times this factor (1: as asked), so a test sees the expiry. */
  durationScale: number;
  /** ARM refuses a `SelfDeactivate` this soon after the activation started (`ActiveDurationTooShort`); Azure's is 5 minutes. */
  minimumActiveMs: number;
}

const states = new WeakMap<World, PimState>();

/** How long ARM keeps an activation before it may be deactivated (5 minutes). */
export const MINIMUM_ACTIVE_MS = 5 * 60_000;

/** The PIM state of a world (created empty on first use). */
export function pimOf(world: World): PimState {
  let state = states.get(world);
  if (!state) {
    state = { eligibilities: [], requests: new Map(), active: [], provisioningDelayMs: 0, forbidden: false, durationScale: 1, minimumActiveMs: MINIMUM_ACTIVE_MS };
    states.set(world, state);
  }
  return state;
}

const DEFAULT_POLICY: PimPolicy = { maxDuration: 'PT8H', justification: true, ticket: false, mfa: false, approval: false, authContext: null };

/** Makes `principalId` eligible for an AKS built-in role (at the cluster unless `scope` says otherwise). */
export function makeEligible(world: World, principalId: string, role: AksRoleName, options: { scope?: string; policy?: Partial<PimPolicy>; end?: Date } = {}): Eligibility {
  const now = Date.now();
  const eligibility: Eligibility = {
    name: randomUUID(),
    principalId,
    roleDefinitionId: aksRoleAssignment(principalId, role, '').roleDefinitionId,
    roleName: aksRoleName(role),
    scope: options.scope ?? world.meta.clusterId,
    start: new Date(now - 86_400_000).toISOString(),
    end: (options.end ?? new Date(now + 365 * 86_400_000)).toISOString(),
    policy: { ...DEFAULT_POLICY, ...options.policy },
  };
  pimOf(world).eligibilities.push(eligibility);
  return eligibility;
}

/** The approver's decision on a PendingApproval request (the approver's own view is out of scope). */
export function decide(world: World, requestName: string, decision: 'approve' | 'deny'): void {
  const state = pimOf(world);
  const request = state.requests.get(requestName);
  if (!request || (request.properties as Json).status !== 'PendingApproval') throw new Error(`request ${requestName} is not pending approval`);
  if (decision === 'deny') setStatus(request, 'Denied');
  else provision(world, request);
}

/** Moves every activation's start `ms` into the past (time passing, e.g. past ARM's minimum before a deactivation). */
export function ageActivations(world: World, ms: number): void {
  for (const a of pimOf(world).active) a.start = new Date(Date.parse(a.start) - ms).toISOString();
}

/** Parses `PnDTnHnMnS` into milliseconds (null when malformed). */
export function durationMs(iso: string): number | null {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  return (((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 1000;
}

const related = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || y.startsWith(`${x}/`) || x.startsWith(`${y}/`);
};
const atOrAbove = (assignmentScope: string, scope: string) => {
  const x = assignmentScope.toLowerCase();
  const y = scope.toLowerCase();
  return x === y || y.startsWith(`${x}/`);
};

interface Caller {
  readonly oid: string;
  /** The token's `amr` names `mfa`. */
  readonly mfa: boolean;
  /** The authentication contexts the token's `acrs` claim names. */
  readonly acrs: readonly string[];
}

function caller(req: IncomingMessage): Caller {
  const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: unknown; amr?: unknown; acrs?: unknown };
    const acrs = Array.isArray(claims.acrs) ? claims.acrs.filter((v): v is string => typeof v === 'string') : [];
    return { oid: typeof claims.oid === 'string' ? claims.oid : DEFAULT_IDS.operatorOid, mfa: Array.isArray(claims.amr) && claims.amr.includes('mfa'), acrs };
  } catch {
    return { oid: DEFAULT_IDS.operatorOid, mfa: false, acrs: [] };
  }
}

/** ARM's answer when the token lacks the policy's authentication context: the claims to ask Entra for, URL-encoded in the message. */
function acrsChallenge(context: string): string {
  return `&claims=${encodeURIComponent(JSON.stringify({ access_token: { acrs: { essential: true, value: context } } }))}`;
}

function expanded(template: Json, e: Eligibility): Json {
  const base = template as { scope: Json; roleDefinition: Json; principal: Json };
  const scopeType = e.scope.split('/').length <= 3 ? 'subscription' : e.scope.split('/').length <= 5 ? 'resourcegroup' : 'resource';
  return {
    scope: { ...base.scope, id: e.scope, displayName: e.scope.split('/').at(-1), type: scopeType },
    roleDefinition: { ...base.roleDefinition, id: e.roleDefinitionId, displayName: e.roleName, type: 'BuiltInRole' },
    principal: { ...base.principal, id: e.principalId, displayName: 'Operator', type: 'User' },
  };
}

function sweep(world: World): void {
  const state = pimOf(world);
  const now = Date.now();
  for (const a of [...state.active]) if (Date.parse(a.end) <= now) revoke(world, a);
}

function revoke(world: World, active: Active): void {
  const state = pimOf(world);
  clearTimeout(active.timer);
  state.active.splice(state.active.indexOf(active), 1);
  const index = world.roleAssignments.findIndex((row) => row.id === active.assignmentRowId);
  if (index >= 0) world.roleAssignments.splice(index, 1);
}

function setStatus(request: Json, status: string): void {
  request.properties = { ...(request.properties as Json), status };
}

function schedule(world: World, active: Active): void {
  clearTimeout(active.timer);
  active.timer = setTimeout(() => pimOf(world).active.includes(active) && revoke(world, active), Math.max(0, Date.parse(active.end) - Date.now()));
  active.timer.unref();
}

function provision(world: World, request: Json): void {
  const state = pimOf(world);
  const p = request.properties as Json & { scheduleInfo: { expiration: { duration: string } } };
  const eligibility = state.eligibilities.find((e) => e.name === p.linkedRoleEligibilityScheduleId);
  if (!eligibility) return setStatus(request, 'Failed');
  const start = new Date();
  const end = new Date(start.getTime() + (durationMs(p.scheduleInfo.expiration.duration) ?? 0) * state.durationScale);
  const row = roleAssignmentRow({ principalId: eligibility.principalId, roleDefinitionId: eligibility.roleDefinitionId, scope: eligibility.scope });
  world.roleAssignments.push(row);
  const active: Active = { instanceName: randomUUID(), eligibility, requestName: String(request.name), start: start.toISOString(), end: end.toISOString(), assignmentRowId: String(row.id) };
  state.active.push(active);
  schedule(world, active);
  request.properties = { ...p, status: 'Provisioned', targetRoleAssignmentScheduleInstanceId: active.instanceName, scheduleInfo: { ...p.scheduleInfo, startDateTime: active.start } };
}

function eligibilityRow(e: Eligibility): Json {
  const template = fixtureBody<{ value: Json[] }>('authorization/GetRoleEligibilityScheduleInstancesByScope').value[0]!;
  const props = template.properties as Json;
  return {
    ...template,
    name: e.name,
    id: `${e.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${e.name}`,
    properties: {
      ...props,
      scope: e.scope, roleDefinitionId: e.roleDefinitionId, principalId: e.principalId, status: 'Provisioned',
      roleEligibilityScheduleId: `${e.scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/${e.name}`,
      startDateTime: e.start, endDateTime: e.end, createdOn: e.start, condition: null, conditionVersion: null,
      expandedProperties: expanded(props.expandedProperties as Json, e),
    },
  };
}

function instanceRow(a: Active): Json {
  const template = fixtureBody<{ value: Json[] }>('authorization/GetRoleAssignmentScheduleInstancesByScope').value[0]!;
  const props = template.properties as Json;
  const e = a.eligibility;
  return {
    ...template,
    name: a.instanceName,
    id: `${e.scope}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/${a.instanceName}`,
    properties: {
      ...props,
      originRoleAssignmentId: a.assignmentRowId,
      linkedRoleEligibilityScheduleId: e.name, linkedRoleEligibilityScheduleInstanceId: e.name,
      assignmentType: 'Activated', scope: e.scope, roleDefinitionId: e.roleDefinitionId, principalId: e.principalId, status: 'Provisioned',
      roleAssignmentScheduleId: `${e.scope}/providers/Microsoft.Authorization/roleAssignmentSchedules/${a.requestName}`,
      startDateTime: a.start, endDateTime: a.end, createdOn: a.start, condition: null, conditionVersion: null,
      expandedProperties: expanded(props.expandedProperties as Json, e),
    },
  };
}

function policyAssignmentRow(e: Eligibility): Json {
  const template = fixtureBody<{ value: Json[] }>('authorization/GetRoleManagementPolicyAssignmentByScope').value[0]!;
  const props = template.properties as Json & { effectiveRules: Json[] };
  const policyName = randomUUID();
  const enabled = [...(e.policy.mfa ? ['MultiFactorAuthentication'] : []), ...(e.policy.justification ? ['Justification'] : []), ...(e.policy.ticket ? ['Ticketing'] : [])];
  const rules = props.effectiveRules.map((rule) => {
    if ((rule.target as Json).caller !== 'EndUser') return rule;
    if (rule.id === 'Expiration_EndUser_Assignment') return { ...rule, maximumDuration: e.policy.maxDuration };
    if (rule.id === 'Enablement_EndUser_Assignment') return { ...rule, enabledRules: enabled };
    if (rule.id === 'Approval_EndUser_Assignment') return { ...rule, setting: { ...(rule.setting as Json), isApprovalRequired: e.policy.approval } };
    if (rule.id === 'AuthenticationContext_EndUser_Assignment') return { ...rule, isEnabled: Boolean(e.policy.authContext), claimValue: e.policy.authContext ?? '' };
    return rule;
  });
  return {
    ...template,
    name: `${policyName}_${e.roleDefinitionId.split('/').at(-1)}`,
    id: `${e.scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments/${policyName}_${e.roleDefinitionId.split('/').at(-1)}`,
    properties: { ...props, scope: e.scope, roleDefinitionId: e.roleDefinitionId, policyId: `${e.scope}/providers/Microsoft.Authorization/roleManagementPolicies/${policyName}`, effectiveRules: rules },
  };
}

function requestBody(name: string, scope: string, e: Eligibility, input: Json, status: string): Json {
  const template = fixtureBody<Json>('authorization/PutRoleAssignmentScheduleRequest', '201');
  const props = template.properties as Json;
  const ticket = (input.ticketInfo ?? {}) as Json;
  return {
    ...template,
    name,
    id: `${scope}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/${name}`,
    properties: {
      ...props,
      targetRoleAssignmentScheduleId: name, targetRoleAssignmentScheduleInstanceId: null,
      scope, roleDefinitionId: e.roleDefinitionId, principalId: e.principalId, requestType: input.requestType, status,
      approvalId: status === 'PendingApproval' ? `${scope}/providers/Microsoft.Authorization/roleAssignmentApprovals/${randomUUID()}` : null,
      linkedRoleEligibilityScheduleId: e.name,
      scheduleInfo: input.scheduleInfo ?? null,
      ticketInfo: { ticketNumber: ticket.ticketNumber ?? null, ticketSystem: ticket.ticketSystem ?? null },
      justification: input.justification ?? null,
      requestorId: e.principalId, createdOn: new Date().toISOString(), condition: null, conditionVersion: null,
      expandedProperties: expanded(props.expandedProperties as Json, e),
    },
  };
}

/** Helpers the ARM server lends the PIM routes. */
export interface PimRouteKit {
  send(res: ServerResponse, status: number, body: unknown): number;
  armError(res: ServerResponse, status: number, code: string, message: string): number;
  readBody(req: IncomingMessage): Promise<Json | null>;
}

const PROVIDER = /^(.*)\/providers\/microsoft\.authorization\/(roleeligibilityscheduleinstances|roleassignmentscheduleinstances|rolemanagementpolicyassignments|roleassignmentschedulerequests)(?:\/([^/]+))?(\/cancel)?$/i;

/** Answers a PIM request, or returns null when `url` is not one. */
export async function pimRoute(world: World, req: IncomingMessage, res: ServerResponse, url: URL, kit: PimRouteKit): Promise<number | null> {
  const m = PROVIDER.exec(url.pathname.replace(/\/+/g, '/'));
  if (!m) return null;
  const state = pimOf(world);
  const [, scope = '', collection = '', name, cancel] = m;
  const kind = collection.toLowerCase();
  const method = req.method ?? 'GET';
  const who = caller(req);
  if (state.forbidden) {
    return kit.armError(res, 403, 'AuthorizationFailed', `The client '${who.oid}' does not have authorization to perform action 'Microsoft.Authorization/${collection}/read' over scope '${scope}' or the scope is invalid.`);
  }
  sweep(world);
  const filter = url.searchParams.get('$filter') ?? '';
  const now = Date.now();
  const mine = (principalId: string) => !/asTarget\(\)/i.test(filter) || principalId === who.oid;
  if (method === 'GET' && !name && kind === 'roleeligibilityscheduleinstances') {
    return kit.send(res, 200, { value: state.eligibilities.filter((e) => mine(e.principalId) && related(e.scope, scope) && Date.parse(e.end) > now).map((e) => eligibilityRow(e)) });
  }
  if (method === 'GET' && !name && kind === 'roleassignmentscheduleinstances') {
    return kit.send(res, 200, { value: state.active.filter((a) => mine(a.eligibility.principalId) && related(a.eligibility.scope, scope)).map((a) => instanceRow(a)) });
  }
  if (method === 'GET' && !name && kind === 'rolemanagementpolicyassignments') {
    const role = /roleDefinitionId eq '([^']+)'/i.exec(filter)?.[1]?.toLowerCase();
    const found = state.eligibilities.filter((e) => atOrAbove(e.scope, scope) && (!role || e.roleDefinitionId.toLowerCase() === role)).sort((a, b) => b.scope.length - a.scope.length);
    const seen = new Set<string>();
    return kit.send(res, 200, { value: found.filter((e) => !seen.has(e.roleDefinitionId) && seen.add(e.roleDefinitionId)).map(policyAssignmentRow) });
  }
  if (kind !== 'roleassignmentschedulerequests') return kit.armError(res, 405, 'MethodNotAllowed', `${method} is not supported on ${url.pathname} by the stand-in.`);
  if (method === 'GET' && !name) {
    return kit.send(res, 200, { value: [...state.requests.values()].filter((r) => mine(String((r.properties as Json).principalId)) && related(String((r.properties as Json).scope), scope)) });
  }
  const existing = name ? state.requests.get(name) : undefined;
  if (method === 'GET') return existing ? kit.send(res, 200, existing) : kit.armError(res, 404, 'RoleAssignmentScheduleRequestNotFound', 'The role assignment schedule request was not found.');
  if (method === 'POST' && cancel) {
    if (!existing) return kit.armError(res, 404, 'RoleAssignmentScheduleRequestNotFound', 'The role assignment schedule request was not found.');
    if ((existing.properties as Json).status !== 'PendingApproval') return kit.armError(res, 400, 'RoleAssignmentRequestNotCancelable', 'Only a request pending approval can be cancelled.');
    setStatus(existing, 'Canceled');
    return kit.send(res, 200, undefined);
  }
  if (method !== 'PUT' || !name) return kit.armError(res, 405, 'MethodNotAllowed', `${method} is not supported on ${url.pathname} by the stand-in.`);
  return createRequest(world, req, res, scope, name, who, kit);
}

async function createRequest(world: World, req: IncomingMessage, res: ServerResponse, scope: string, name: string, who: Caller, kit: PimRouteKit): Promise<number> {
  const state = pimOf(world);
  const body = await kit.readBody(req);
  const input = (body?.properties ?? null) as Json | null;
  const requestType = String(input?.requestType ?? '');
  if (!input || typeof input.roleDefinitionId !== 'string' || typeof input.principalId !== 'string' || !['SelfActivate', 'SelfExtend', 'SelfDeactivate'].includes(requestType)) {
    return kit.armError(res, 400, 'InvalidRoleAssignmentRequest', 'The request body must carry properties with principalId, roleDefinitionId and a requestType of SelfActivate, SelfExtend or SelfDeactivate.');
  }
  if (input.principalId !== who.oid) return kit.armError(res, 403, 'AuthorizationFailed', 'A self request must name the caller as principalId.');
  if (state.requests.has(name)) return kit.armError(res, 409, 'RoleAssignmentRequestExists', 'A role assignment request with this name already exists.');
  const roleId = input.roleDefinitionId.toLowerCase();
  // The linked eligibility when the request names one (SelfActivate), else the one at exactly this scope.
  const linked = typeof input.linkedRoleEligibilityScheduleId === 'string' ? input.linkedRoleEligibilityScheduleId.split('/').at(-1)!.toLowerCase() : null;
  const eligibility = state.eligibilities.find((e) => e.principalId === who.oid && e.roleDefinitionId.toLowerCase() === roleId && (linked ? e.name.toLowerCase() === linked && atOrAbove(e.scope, scope) : e.scope.toLowerCase() === scope.toLowerCase()) && Date.parse(e.end) > Date.now());
  if (!eligibility) return kit.armError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
  const active = state.active.find((a) => a.eligibility === eligibility);
  if (requestType === 'SelfDeactivate') {
    if (!active) return kit.armError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
    if (Date.now() - Date.parse(active.start) < state.minimumActiveMs) return kit.armError(res, 400, 'ActiveDurationTooShort', `The role assignment has been active for less than ${state.minimumActiveMs / 60_000} minutes and cannot be deactivated yet.`);
    revoke(world, active);
    const request = requestBody(name, scope, eligibility, input, 'Revoked');
    state.requests.set(name, request);
    return kit.send(res, 201, request);
  }
  if (requestType === 'SelfActivate' && active) return kit.armError(res, 400, 'RoleAssignmentExists', 'The Role assignment already exists.');
  if (requestType === 'SelfExtend' && !active) return kit.armError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
  const info = (input.scheduleInfo ?? {}) as { expiration?: { duration?: unknown } };
  const duration = typeof info.expiration?.duration === 'string' ? durationMs(info.expiration.duration) : null;
  if (duration === null || duration <= 0) return kit.armError(res, 400, 'InvalidRoleAssignmentRequest', 'scheduleInfo.expiration.duration must be an ISO 8601 duration.');
  if (eligibility.policy.authContext && !who.acrs.includes(eligibility.policy.authContext)) return kit.armError(res, 400, 'RoleAssignmentRequestAcrsValidationFailed', acrsChallenge(eligibility.policy.authContext));
  const failed: string[] = [];
  if (duration > (durationMs(eligibility.policy.maxDuration) ?? 0)) failed.push('ExpirationRule');
  if (eligibility.policy.justification && !String(input.justification ?? '').trim()) failed.push('JustificationRule');
  const ticket = (input.ticketInfo ?? {}) as Json;
  if (eligibility.policy.ticket && (!String(ticket.ticketNumber ?? '').trim() || !String(ticket.ticketSystem ?? '').trim())) failed.push('TicketingRule');
  if (eligibility.policy.mfa && !who.mfa) failed.push('MfaRule');
  if (failed.length) return kit.armError(res, 400, 'RoleAssignmentRequestPolicyValidationFailed', `The following policy rules failed: ${JSON.stringify(failed)}`);
  if (requestType === 'SelfExtend') {
    active!.end = new Date(Date.now() + duration * state.durationScale).toISOString();
    schedule(world, active!);
    const request = requestBody(name, scope, eligibility, input, 'Provisioned');
    state.requests.set(name, request);
    return kit.send(res, 201, request);
  }
  const request = requestBody(name, scope, eligibility, { ...input, linkedRoleEligibilityScheduleId: eligibility.name }, eligibility.policy.approval ? 'PendingApproval' : 'PendingProvisioning');
  state.requests.set(name, request);
  if (!eligibility.policy.approval) {
    if (state.provisioningDelayMs <= 0) provision(world, request);
    else setTimeout(() => (request.properties as Json).status === 'PendingProvisioning' && provision(world, request), state.provisioningDelayMs).unref();
  }
  return kit.send(res, 201, request);
}
