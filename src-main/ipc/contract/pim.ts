import { z } from 'zod';
import { AzureResourceId } from './azure';
import { event, invoke } from './define';

/** What a role's management policy demands of an operator's own activation. */
export const PimPolicyView = z.object({
  /** Longest activation the policy allows, in minutes. */
  maxDurationMinutes: z.number().int(),
  justificationRequired: z.boolean(),
  ticketRequired: z.boolean(),
  mfaRequired: z.boolean(),
  approvalRequired: z.boolean(),
});

/** A role the operator may activate at a scope (an eligibility schedule instance). */
export const PimEligibleRole = z.object({
  eligibilityId: z.string(),
  roleDefinitionId: z.string(),
  roleName: z.string(),
  scope: z.string(),
  scopeName: z.string(),
  /** When the eligibility itself ends; null: permanently eligible. */
  eligibleUntil: z.string().nullable(),
  policy: PimPolicyView,
});

/** A role active now through an activation (an assignment schedule instance). */
export const PimActiveRole = z.object({
  instanceId: z.string(),
  roleDefinitionId: z.string(),
  roleName: z.string(),
  scope: z.string(),
  scopeName: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
});

/** Where a schedule request stands, in the console's words (`status` keeps ARM's own). */
export const PimRequestState = z.enum(['active', 'pending-approval', 'pending-provisioning', 'denied', 'revoked', 'canceled', 'failed']);

/** One activation, extension or deactivation request and its outcome. */
export const PimRequestView = z.object({
  requestId: z.string(),
  state: PimRequestState,
  status: z.string(),
  roleName: z.string(),
  scope: z.string(),
  endsAt: z.string().nullable(),
});

/** The operator's privileged access around a cluster: what they may activate, what is active, what waits. */
export const PimAccess = z.object({
  eligible: z.array(PimEligibleRole),
  active: z.array(PimActiveRole),
  pending: z.array(PimRequestView),
});

/** An activation (or extension) as the operator asks for it. */
export const PimActivateRequest = z.strictObject({
  eligibilityId: z.string().min(1).max(1000),
  durationMinutes: z.number().int().min(5).max(60 * 24 * 30),
  justification: z.string().max(500).optional(),
  ticketNumber: z.string().max(100).optional(),
  ticketSystem: z.string().max(100).optional(),
});

/** A group membership the operator may activate (PIM for groups). */
export const PimEligibleGroup = z.object({
  eligibilityId: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  eligibleUntil: z.string().nullable(),
  policy: PimPolicyView,
});

/** The operator's eligible and active group memberships. */
export const PimGroupAccess = z.object({
  eligible: z.array(PimEligibleGroup),
  active: z.array(z.object({ instanceId: z.string(), groupId: z.string(), groupName: z.string(), endsAt: z.string().nullable() })),
  /** Activation requests waiting for an approver (withdrawable). */
  pending: z.array(PimRequestView),
});

const GroupId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a group object id');

/** A Graph group assignment schedule request id (a GUID). */
const GroupRequestId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a group assignment schedule request id');

/** A role assignment schedule request id (`…/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/<guid>`). */
const RequestId = AzureResourceId.regex(/\/providers\/Microsoft\.Authorization\/roleAssignmentScheduleRequests\/[0-9a-f-]{36}$/i, 'must be a role assignment schedule request id');

/** Invokes of PIM (privileged access). Tokens never cross: the renderer sees roles, scopes and times. */
export const pimInvokes = {
  /** The operator's eligible, active and pending roles at and above these resources (cluster, jump box, Bastion …). */
  'pim.access': invoke(z.strictObject({ scopes: z.array(AzureResourceId).min(1).max(8) }), PimAccess),
  'pim.activate': invoke(PimActivateRequest, PimRequestView),
  'pim.extend': invoke(PimActivateRequest, PimRequestView),
  'pim.deactivate': invoke(z.strictObject({ instanceId: AzureResourceId }), PimRequestView),
  'pim.status': invoke(z.strictObject({ requestId: RequestId }), PimRequestView),
  /** Withdraws a request still waiting for approval. */
  'pim.cancel': invoke(z.strictObject({ requestId: RequestId }), PimRequestView),
  /** PIM for groups (Microsoft Graph): eligible and active memberships. */
  'pim.groups': invoke(z.void(), PimGroupAccess),
  'pim.groupActivate': invoke(PimActivateRequest, PimRequestView),
  'pim.groupDeactivate': invoke(z.strictObject({ groupId: GroupId }), PimRequestView),
  /** Lengthens an active membership (`selfExtend`) within the group's policy. */
  'pim.groupExtend': invoke(PimActivateRequest, PimRequestView),
  /** Withdraws a membership request still waiting for approval. */
  'pim.groupCancel': invoke(z.strictObject({ requestId: GroupRequestId }), PimRequestView),
} as const;

/** What a kube-apiserver 403 says was refused (never who: the user is the operator's own); namespace null: the cluster scope. */
export const RefusedRequest = z.strictObject({
  verb: z.string().regex(/^[a-z]{1,32}$/),
  resource: z.string().regex(/^[a-z0-9.-]{1,253}$/),
  group: z.string().regex(/^[a-z0-9.-]{0,253}$/),
  namespace: z.string().regex(/^[a-z0-9-]{1,63}$/).nullable(),
});

/**
 * A kube-apiserver 403 seen in a kubectl terminal's output. Main fills in the cluster the tab was
 * opened for (never one the output names); each field is bounded to Kubernetes' own name shapes.
 */
export const PimTerminalForbidden = z.strictObject({
  sessionId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  clusterId: AzureResourceId,
  forbidden: RefusedRequest,
});

/** Events of PIM. */
export const pimEvents = {
  /** A kubectl terminal printed a 403: the console may offer the operator's eligible role beside it. */
  'pim.terminalForbidden': event(PimTerminalForbidden),
} as const;
