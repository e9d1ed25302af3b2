import { AppError } from '../errors';
import { statusOf, toArmAppError, subjectParams, type ArmSubject } from '../azure';
import { MINIMUM_ACTIVE_MINUTES } from './pim-status';

/** Policy rule names ARM reports in `RoleAssignmentRequestPolicyValidationFailed`, and the console's code for each. */
const RULE_CODES: Readonly<Record<string, { code: string; message: string }>> = {
  ExpirationRule: { code: 'pim.duration_over_policy', message: 'The requested duration is longer than the role\'s policy allows.' },
  JustificationRule: { code: 'pim.justification_required', message: 'The role\'s policy requires a justification.' },
  TicketingRule: { code: 'pim.ticket_required', message: 'The role\'s policy requires a ticket number and ticket system.' },
  MfaRule: { code: 'pim.mfa_required', message: 'The role\'s policy requires multifactor authentication on activation.' },
};

/** The error a policy rule's failure maps to (client-side check or ARM's refusal alike). */
export function ruleError(rule: keyof typeof RULE_CODES | string, detail = ''): AppError {
  const known = RULE_CODES[rule];
  return known ? new AppError(known.code, `${known.message}${detail}`) : new AppError('pim.policy_refused', `Azure refused the request under the role's policy (${rule}).`);
}

/** ARM's error code and message of a failed call (empty strings when absent). */
export function armCode(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e?.code === 'string' ? e.code : '', message: typeof e?.message === 'string' ? e.message : '' };
}

/**
 * Maps a failed PIM call to an operator-facing AppError: ARM's policy-rule refusals to the same
 * codes as the client-side checks, a vanished eligibility, an activation that already exists, and
 * a 403 (the app lacks consent or the account the permission) to `pim.no_consent`.
 */
export function toPimError(error: unknown, subject: ArmSubject): AppError {
  const { code, message } = armCode(error);
  const what = subject.text;
  const params = subjectParams(subject);
  if (code === 'RoleAssignmentRequestPolicyValidationFailed') {
    const rules = /\[(.*)\]/.exec(message)?.[1]?.match(/[A-Za-z]+Rule/g) ?? [];
    return ruleError(rules[0] ?? 'Unknown');
  }
  if (code === 'RoleAssignmentDoesNotExist') return new AppError('pim.eligibility_gone', `The eligibility or activation for ${what} no longer exists; refresh and try again.`, { cause: error, params });
  if (code === 'ActiveDurationTooShort') return new AppError('pim.active_too_short', `${what} has been active for less than ${MINIMUM_ACTIVE_MINUTES} minutes; Azure allows deactivating it after that.`, { cause: error, params });
  if (code === 'RoleAssignmentExists') return new AppError('pim.already_active', `${what} is already active.`, { cause: error, params });
  if (statusOf(error) === 403) return new AppError('pim.no_consent', `Azure refused ${what}: the console's app registration lacks consent or the account lacks the permission (403).`, { cause: error, params });
  return toArmAppError(error, subject);
}

/** Runs a PIM call and maps its failure. */
export async function pimCall<T>(subject: ArmSubject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPimError(error, subject);
  }
}
