import type { RoleManagementPolicyApprovalRule, RoleManagementPolicyAuthenticationContextRule, RoleManagementPolicyEnablementRule, RoleManagementPolicyExpirationRule, RoleManagementPolicyRuleUnion } from '@azure/arm-authorization';
import type { z } from 'zod';
import type { PimPolicyView } from '../../ipc/contract/pim';
import { durationMinutes } from './iso-duration';

/** The end-user activation rules of a role management policy, in the console's terms. */
export type PimPolicy = z.output<typeof PimPolicyView>;

/** Azure's default for an activation when a policy states no maximum (8 hours). */
const DEFAULT_MAX_MINUTES = 8 * 60;

/**
 * Reads the `EndUser`/`Assignment` rules of a policy's effective rules: the expiration rule's
 * maximum, the enablement rule's MFA/justification/ticket switches, an enabled authentication
 * context (shown as MFA) and the approval setting.
 * Admin and eligibility rules govern other callers and are ignored.
 */
export function policyFromRules(rules: readonly RoleManagementPolicyRuleUnion[] | undefined): PimPolicy {
  const policy = { maxDurationMinutes: DEFAULT_MAX_MINUTES, justificationRequired: false, ticketRequired: false, mfaRequired: false, approvalRequired: false };
  for (const rule of rules ?? []) {
    if (rule.target?.caller !== 'EndUser' || rule.target.level !== 'Assignment') continue;
    if (rule.ruleType === 'RoleManagementPolicyExpirationRule') policy.maxDurationMinutes = durationMinutes((rule as RoleManagementPolicyExpirationRule).maximumDuration ?? '') ?? DEFAULT_MAX_MINUTES;
    if (rule.ruleType === 'RoleManagementPolicyEnablementRule') {
      const enabled = new Set((rule as RoleManagementPolicyEnablementRule).enabledRules ?? []);
      policy.mfaRequired ||= enabled.has('MultiFactorAuthentication');
      policy.justificationRequired = enabled.has('Justification');
      policy.ticketRequired = enabled.has('Ticketing');
    }
    // An authentication context (Conditional Access, usually MFA) is a step-up on activation too.
    if (rule.ruleType === 'RoleManagementPolicyAuthenticationContextRule' && (rule as RoleManagementPolicyAuthenticationContextRule).isEnabled === true) policy.mfaRequired = true;
    if (rule.ruleType === 'RoleManagementPolicyApprovalRule') policy.approvalRequired = (rule as RoleManagementPolicyApprovalRule).setting?.isApprovalRequired === true;
  }
  return policy;
}
