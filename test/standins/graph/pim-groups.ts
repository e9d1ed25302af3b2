/**
 * A Microsoft Graph stand-in for PIM for groups (`/v1.0/identityGovernance/privilegedAccess/group/…`
 * and the group's `roleManagementPolicyAssignments` under `/v1.0/policies`), in the shapes of
 * Microsoft's Graph v1.0 reference (privilegedAccessGroupEligibilityScheduleInstance,
 * privilegedAccessGroupAssignmentScheduleInstance, privilegedAccessGroupAssignmentScheduleRequest,
 * unifiedRoleManagementPolicyAssignment with its rules). A provisioned membership calls
 * `onMembership`, so the Entra stand-in puts the group in the next token's `groups` claim.
 *
 * ```ts
 * const graph = await startGraphPimStandIn({ onMembership: (oid, groupId, member) => … });
 * graph.makeEligible(oid, groupId, 'aks-payments-operators', { maxDuration: 'PT4H', justification: true });
 * graph.forbidden = true;   // every call 403 Authorization_RequestDenied (the app lacks consent)
 * graph.decide(requestId, 'approve');   // the approver's answer to a PendingApproval request
 * ```
 * `selfExtend` lengthens an active membership (no approval: the policy's `isApprovalRequiredForExtension`
 * is false); an approval-required `selfActivate` stays `PendingApproval`, listed by principal, until
 * decided or cancelled.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { durationMs, type PimPolicy } from '../arm/pim';
import { testTls } from '../arm/tls';

type Json = Record<string, unknown>;

interface GroupEligibility { id: string; principalId: string; groupId: string; groupName: string; start: string; end: string; policy: PimPolicy }
interface GroupActive { id: string; eligibility: GroupEligibility; start: string; end: string; timer?: NodeJS.Timeout }

/** A running Graph PIM-for-groups stand-in. */
export interface GraphPimStandIn {
  readonly url: string;
  readonly ca: string;
  readonly requests: Map<string, Json>;
  /** When set, every call answers 403 `Authorization_RequestDenied`. */
  forbidden: boolean;
  /** Adds an eligibility for group membership (`accessId: member`). */
  makeEligible(principalId: string, groupId: string, groupName: string, policy?: Partial<PimPolicy>): GroupEligibility;
  /** Active memberships now. */
  active(): readonly GroupActive[];
  /** The approver's decision on a PendingApproval request (the approver's own view is out of scope). */
  decide(requestId: string, decision: 'approve' | 'deny'): void;
  stop(): Promise<void>;
}

const BASE = '/v1.0/identityGovernance/privilegedAccess/group';
const DEFAULT_POLICY: PimPolicy = { maxDuration: 'PT8H', justification: true, ticket: false, mfa: false, approval: false };

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': randomUUID() });
  res.end(body === undefined ? '' : JSON.stringify(body));
}
const graphError = (res: ServerResponse, status: number, code: string, message: string) => send(res, status, { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date().toISOString() } } });

function callerOid(req: IncomingMessage): string | null {
  try {
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : null;
  } catch {
    return null;
  }
}

async function readJson(req: IncomingMessage): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
  } catch {
    return null;
  }
}

function policyRules(p: PimPolicy): Json[] {
  const target = { caller: 'EndUser', operations: ['all'], level: 'Assignment', inheritableSettings: [], enforcedSettings: [] };
  return [
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule', id: 'Expiration_EndUser_Assignment', isExpirationRequired: true, maximumDuration: p.maxDuration, target },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_EndUser_Assignment', enabledRules: [...(p.mfa ? ['MultiFactorAuthentication'] : []), ...(p.justification ? ['Justification'] : []), ...(p.ticket ? ['Ticketing'] : [])], target },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule', id: 'Approval_EndUser_Assignment', setting: { isApprovalRequired: p.approval, isApprovalRequiredForExtension: false, isRequestorJustificationRequired: true, approvalMode: 'SingleStage', approvalStages: [] }, target },
  ];
}

/** Starts the stand-in on `https://127.0.0.1:<random port>`. */
export async function startGraphPimStandIn(options: { onMembership: (principalId: string, groupId: string, member: boolean) => void }): Promise<GraphPimStandIn> {
  const tls = testTls();
  const eligibilities: GroupEligibility[] = [];
  const actives: GroupActive[] = [];
  const requests = new Map<string, Json>();
  const state = { forbidden: false };

  const end = (a: GroupActive) => {
    clearTimeout(a.timer);
    actives.splice(actives.indexOf(a), 1);
    options.onMembership(a.eligibility.principalId, a.eligibility.groupId, false);
  };
  /** Starts (or lengthens) the membership for `ms` from now. */
  const provision = (e: GroupEligibility, ms: number) => {
    const current = actives.find((a) => a.eligibility === e);
    const a: GroupActive = current ?? { id: randomUUID(), eligibility: e, start: new Date().toISOString(), end: '' };
    a.end = new Date(Date.now() + ms).toISOString();
    clearTimeout(a.timer);
    a.timer = setTimeout(() => actives.includes(a) && end(a), ms);
    a.timer.unref();
    if (!current) {
      actives.push(a);
      options.onMembership(e.principalId, e.groupId, true);
    }
  };
  const requestBody = (e: GroupEligibility, input: Json, status: string): Json => ({
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/assignmentScheduleRequests/$entity',
    id: randomUUID(), status, completedDateTime: status === 'Provisioned' || status === 'Revoked' ? new Date().toISOString() : null,
    createdDateTime: new Date().toISOString(), approvalId: status === 'PendingApproval' ? randomUUID() : null, customData: null,
    createdBy: { user: { id: e.principalId } }, action: input.action, isValidationOnly: false, justification: input.justification ?? null,
    scheduleInfo: input.scheduleInfo ?? null, ticketInfo: input.ticketInfo ?? { ticketNumber: null, ticketSystem: null },
    accessId: 'member', principalId: e.principalId, groupId: e.groupId, targetScheduleId: e.id,
  });

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'https://graph.local');
    const oid = callerOid(req);
    if (!oid) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token is empty.');
    if (state.forbidden) return graphError(res, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    for (const a of [...actives]) if (Date.parse(a.end) <= Date.now()) end(a);
    const filter = url.searchParams.get('$filter') ?? '';
    const principal = /principalId eq '([^']+)'/i.exec(filter)?.[1];
    if (req.method === 'GET' && url.pathname === `${BASE}/eligibilityScheduleInstances`) {
      return send(res, 200, { value: eligibilities.filter((e) => e.principalId === principal && Date.parse(e.end) > Date.now()).map((e) => ({ id: e.id, accessId: 'member', principalId: e.principalId, groupId: e.groupId, memberType: 'direct', startDateTime: e.start, endDateTime: e.end, eligibilityScheduleId: e.id })) });
    }
    if (req.method === 'GET' && url.pathname === `${BASE}/assignmentScheduleInstances`) {
      return send(res, 200, { value: actives.filter((a) => a.eligibility.principalId === principal).map((a) => ({ id: a.id, accessId: 'member', principalId: a.eligibility.principalId, groupId: a.eligibility.groupId, memberType: 'direct', assignmentType: 'activated', startDateTime: a.start, endDateTime: a.end, assignmentScheduleId: a.id })) });
    }
    if (req.method === 'GET' && url.pathname === '/v1.0/policies/roleManagementPolicyAssignments') {
      const groupId = /scopeId eq '([^']+)'/i.exec(filter)?.[1];
      const e = eligibilities.find((x) => x.groupId === groupId);
      if (!e) return send(res, 200, { value: [] });
      const policyId = `Group_${e.groupId}_${randomUUID()}`;
      return send(res, 200, { value: [{ id: `${policyId}_member`, policyId, scopeId: e.groupId, scopeType: 'Group', roleDefinitionId: 'member', policy: { id: policyId, displayName: 'Group', rules: policyRules(e.policy) } }] });
    }
    if (req.method === 'GET' && url.pathname === `${BASE}/assignmentScheduleRequests`) {
      if (!principal) return graphError(res, 400, 'BadRequest', 'Filter on principalId or groupId is required.');
      return send(res, 200, { value: [...requests.values()].filter((r) => r.principalId === principal) });
    }
    const byId = new RegExp(`^${BASE}/assignmentScheduleRequests/([^/]+)(/cancel)?$`).exec(url.pathname);
    if (byId) {
      const r = requests.get(byId[1]!);
      if (!r) return graphError(res, 404, 'ResourceNotFound', 'The request was not found.');
      if (req.method === 'GET' && !byId[2]) return send(res, 200, r);
      if (req.method === 'POST' && byId[2]) {
        if (r.status !== 'PendingApproval') return graphError(res, 400, 'RoleAssignmentRequestNotCancelable', 'Only a request pending approval can be cancelled.');
        r.status = 'Canceled';
        return send(res, 204);
      }
    }
    if (req.method === 'POST' && url.pathname === `${BASE}/assignmentScheduleRequests`) {
      const input = await readJson(req);
      const action = String(input?.action ?? '');
      if (!input || input.accessId !== 'member' || typeof input.groupId !== 'string' || !['selfActivate', 'selfDeactivate', 'selfExtend'].includes(action)) {
        return graphError(res, 400, 'InvalidRequest', 'accessId member, groupId and an action of selfActivate, selfExtend or selfDeactivate are required.');
      }
      if (input.principalId !== oid) return graphError(res, 403, 'Authorization_RequestDenied', 'A self request must name the caller.');
      const e = eligibilities.find((x) => x.principalId === oid && x.groupId === input.groupId && Date.parse(x.end) > Date.now());
      if (!e) return graphError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
      const current = actives.find((a) => a.eligibility === e);
      if (action === 'selfDeactivate') {
        if (!current) return graphError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
        end(current);
        const r = requestBody(e, input, 'Revoked');
        requests.set(String(r.id), r);
        return send(res, 201, r);
      }
      if (action === 'selfActivate' && current) return graphError(res, 400, 'RoleAssignmentExists', 'The Role assignment already exists.');
      const info = (input.scheduleInfo ?? {}) as { expiration?: { duration?: unknown } };
      const ms = typeof info.expiration?.duration === 'string' ? durationMs(info.expiration.duration) : null;
      if (!ms) return graphError(res, 400, 'InvalidRequest', 'scheduleInfo.expiration.duration must be an ISO 8601 duration.');
      const failed: string[] = [];
      if (ms > (durationMs(e.policy.maxDuration) ?? 0)) failed.push('ExpirationRule');
      if (e.policy.justification && !String(input.justification ?? '').trim()) failed.push('JustificationRule');
      const ticket = (input.ticketInfo ?? {}) as Json;
      if (e.policy.ticket && (!ticket.ticketNumber || !ticket.ticketSystem)) failed.push('TicketingRule');
      if (failed.length) return graphError(res, 400, 'RoleAssignmentRequestPolicyValidationFailed', `The following policy rules failed: ${JSON.stringify(failed)}`);
      if (action === 'selfExtend' && !current) return graphError(res, 400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
      const pending = e.policy.approval && action === 'selfActivate';
      const r = requestBody(e, input, pending ? 'PendingApproval' : 'Provisioned');
      requests.set(String(r.id), r);
      if (!pending) provision(e, ms);
      return send(res, 201, r);
    }
    return graphError(res, 404, 'UnknownResource', `No route for ${req.method} ${url.pathname}.`);
  };

  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    route(req, res).catch((error: unknown) => graphError(res, 500, 'InternalServerError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: tls.ca,
    requests,
    get forbidden() {
      return state.forbidden;
    },
    set forbidden(value: boolean) {
      state.forbidden = value;
    },
    makeEligible(principalId, groupId, groupName, policy = {}) {
      const e: GroupEligibility = { id: randomUUID(), principalId, groupId, groupName, start: new Date(Date.now() - 86_400_000).toISOString(), end: new Date(Date.now() + 365 * 86_400_000).toISOString(), policy: { ...DEFAULT_POLICY, ...policy } };
      eligibilities.push(e);
      return e;
    },
    active: () => [...actives],
    decide(requestId, decision) {
      const r = requests.get(requestId);
      if (!r || r.status !== 'PendingApproval') throw new Error(`request ${requestId} is not pending approval`);
      const e = eligibilities.find((x) => x.id === r.targetScheduleId)!;
      r.status = decision === 'approve' ? 'Provisioned' : 'Denied';
      if (decision === 'approve') provision(e, durationMs(String(((r.scheduleInfo ?? {}) as { expiration?: { duration?: string } }).expiration?.duration ?? '')) ?? 0);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const a of actives) clearTimeout(a.timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
