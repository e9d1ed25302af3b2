import type { EventPayload, InvokeResponse } from '../../../src-main/ipc/contract';

/** The operator's privileged access as `pim.access` returns it. */
export type PimAccessValue = InvokeResponse<'pim.access'>;
/** One eligible role. */
export type EligibleRoleValue = PimAccessValue['eligible'][number];

/** What a kube-apiserver 403 says was refused, without who (a kubectl terminal's 403 as main announces it). */
export type RefusedRequest = EventPayload<'pim.terminalForbidden'>['forbidden'];

/** What a kube-apiserver 403 says was refused, and for whom. */
export interface Forbidden extends RefusedRequest {
  readonly user: string;
}

const FORBIDDEN = /User "([^"]+)" cannot (\w+) resource "([^"]+)" in API group "([^"]*)" (?:in the namespace "([^"]+)"|at the cluster scope)/;

/** Reads the first 403 in kubectl's (or command invoke's) output; undefined when there is none. */
export function parseForbidden(text: string): Forbidden | undefined {
  const m = FORBIDDEN.exec(text);
  return m ? { user: m[1]!, verb: m[2]!, resource: m[3]!, group: m[4]!, namespace: m[5] ?? null } : undefined;
}

/** The AKS built-in roles, least privilege first. */
export const AKS_ROLE_ORDER = [
  'Azure Kubernetes Service RBAC Reader',
  'Azure Kubernetes Service RBAC Writer',
  'Azure Kubernetes Service RBAC Admin',
  'Azure Kubernetes Service RBAC Cluster Admin',
] as const;

const READ = new Set(['get', 'list', 'watch']);
const RBAC_RESOURCES = new Set(['roles', 'rolebindings']);

/**
 * The least AKS built-in role that grants a refused request: reads need Reader (secrets: Writer),
 * writes Writer, namespace RBAC Admin, anything at the cluster scope Cluster Admin (the first three
 * are namespace roles in AKS's definitions).
 */
export function leastRoleFor(f: RefusedRequest): (typeof AKS_ROLE_ORDER)[number] {
  if (f.namespace === null) return AKS_ROLE_ORDER[3];
  if (f.group === 'rbac.authorization.k8s.io' && RBAC_RESOURCES.has(f.resource)) return AKS_ROLE_ORDER[2];
  if (READ.has(f.verb) && f.resource !== 'secrets') return AKS_ROLE_ORDER[0];
  return AKS_ROLE_ORDER[1];
}

const covers = (eligibleScope: string, clusterId: string, namespace: string | null) => {
  const scope = eligibleScope.toLowerCase();
  const cluster = clusterId.toLowerCase();
  if (cluster === scope || cluster.startsWith(`${scope}/`)) return true;
  return namespace !== null && scope === `${cluster}/namespaces/${namespace.toLowerCase()}`;
};

/** Eligible roles that would grant a refused request on this cluster, least privilege first. */
export function offersFor(f: RefusedRequest, eligible: readonly EligibleRoleValue[], clusterId: string): EligibleRoleValue[] {
  const least = AKS_ROLE_ORDER.indexOf(leastRoleFor(f));
  return eligible
    .filter((e) => AKS_ROLE_ORDER.indexOf(e.roleName as (typeof AKS_ROLE_ORDER)[number]) >= least && covers(e.scope, clusterId, f.namespace))
    .sort((a, b) => AKS_ROLE_ORDER.indexOf(a.roleName as (typeof AKS_ROLE_ORDER)[number]) - AKS_ROLE_ORDER.indexOf(b.roleName as (typeof AKS_ROLE_ORDER)[number]));
}

/** Whole seconds until `iso` (0 once passed). */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.floor((Date.parse(iso) - now) / 1000));
}

/** Minutes before the end at which the console warns and offers an extension. */
export const EXPIRY_WARNING_SECONDS = 10 * 60;

/** Azure refuses to deactivate an activation younger than this (`ActiveDurationTooShort`). */
export const MINIMUM_ACTIVE_SECONDS = 5 * 60;

/** When an activation that started at `startsAt` may be deactivated (epoch ms; 0 when the start is unknown). */
export function deactivatableAt(startsAt: string | null): number {
  return startsAt ? Date.parse(startsAt) + MINIMUM_ACTIVE_SECONDS * 1000 : 0;
}

/** A problem with an activation form the policy would refuse, checked before anything is sent. */
export type FormProblem = 'too-short' | 'too-long' | 'not-whole' | 'justification' | 'ticket';

/** The first thing the policy would refuse about this form, or undefined. */
export function formProblem(policy: EligibleRoleValue['policy'], form: { minutes: number; justification: string; ticketNumber: string; ticketSystem: string }): FormProblem | undefined {
  if (!Number.isInteger(form.minutes)) return 'not-whole';
  if (form.minutes < 5) return 'too-short';
  if (form.minutes > policy.maxDurationMinutes) return 'too-long';
  if (policy.justificationRequired && !form.justification.trim()) return 'justification';
  if (policy.ticketRequired && (!form.ticketNumber.trim() || !form.ticketSystem.trim())) return 'ticket';
  return undefined;
}

const KNOWN_ERRORS = new Set([
  'pim.duration_over_policy', 'pim.justification_required', 'pim.ticket_required', 'pim.mfa_required', 'pim.eligibility_gone',
  'pim.already_active', 'pim.no_consent', 'pim.denied', 'pim.failed', 'pim.not_active', 'pim.not_pending', 'pim.signed_out',
  'pim.active_too_short', 'pim.step_up_cancelled',
]);

/** The i18n key that explains a PIM error code in the operator's language, when there is one. */
export function pimErrorKey(code: string): string | undefined {
  return KNOWN_ERRORS.has(code) ? `pim.errors.${code.slice('pim.'.length)}` : undefined;
}

/** Hours and minutes of a duration for the offer line (`8 h`, `1 h 30 min`, `45 min`). */
export function hoursMinutes(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** `h:mm:ss` / `m:ss` for a countdown of whole seconds. */
export function formatLeft(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
