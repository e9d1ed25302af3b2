import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RoleManagementPolicyRuleUnion } from '@azure/arm-authorization';
import { describe, expect, it } from 'vitest';
import { subject } from '../../../../../src-main/services/azure/arm-subject';
import { durationMinutes, isoDuration } from '../../../../../src-main/services/pim/iso-duration';
import { toPimError } from '../../../../../src-main/services/pim/pim-errors';
import { policyFromRules } from '../../../../../src-main/services/pim/pim-policy';
import { requestState } from '../../../../../src-main/services/pim/pim-status';
import { oidOf } from '../../../../../src-main/services/pim';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../../../standins/arm/fixtures/authorization/GetRoleManagementPolicyAssignmentByScope.json'), 'utf8')) as {
  responses: { 200: { body: { value: Array<{ properties: { effectiveRules: RoleManagementPolicyRuleUnion[] } }> } } };
};

describe('PIM pure parts', () => {
  it('reads the end-user activation rules of the official policy example (PT7H, MFA + justification + ticket, approval)', () => {
    expect(policyFromRules(example.responses[200].body.value[0]!.properties.effectiveRules)).toEqual({
      maxDurationMinutes: 420, justificationRequired: true, ticketRequired: true, mfaRequired: true, approvalRequired: true,
    });
    expect(policyFromRules([])).toEqual({ maxDurationMinutes: 480, justificationRequired: false, ticketRequired: false, mfaRequired: false, approvalRequired: false });
  });

  it('converts ISO 8601 durations both ways and rejects malformed ones', () => {
    expect([durationMinutes('PT8H'), durationMinutes('P1D'), durationMinutes('PT1H30M'), durationMinutes('PT'), durationMinutes('8h'), durationMinutes('PT0M')]).toEqual([480, 1440, 90, null, null, null]);
    expect([isoDuration(90), isoDuration(60), isoDuration(5)]).toEqual(['PT1H30M', 'PT1H', 'PT5M']);
  });

  it('maps ARM statuses to the console\'s states', () => {
    expect(['Provisioned', 'PendingApproval', 'PendingProvisioning', 'Denied', 'Revoked', 'Canceled', 'TimedOut', undefined].map(requestState)).toEqual(['active', 'pending-approval', 'pending-provisioning', 'denied', 'revoked', 'canceled', 'failed', 'failed']);
  });

  it('maps ARM refusals: policy rules, a vanished eligibility, an existing activation, a 403', () => {
    const arm = (code: string, message: string, statusCode = 400) => Object.assign(new Error(message), { code, statusCode });
    expect(toPimError(arm('RoleAssignmentRequestPolicyValidationFailed', 'The following policy rules failed: ["JustificationRule"]'), subject('pim-role', 'x')).code).toBe('pim.justification_required');
    expect(toPimError(arm('RoleAssignmentRequestPolicyValidationFailed', 'The following policy rules failed: ["MfaRule"]'), subject('pim-role', 'x')).code).toBe('pim.mfa_required');
    expect(toPimError(arm('RoleAssignmentDoesNotExist', 'The Role assignment does not exist.'), subject('pim-role', 'x')).code).toBe('pim.eligibility_gone');
    expect(toPimError(arm('RoleAssignmentExists', 'The Role assignment already exists.'), subject('pim-role', 'x')).code).toBe('pim.already_active');
    expect(toPimError(arm('AuthorizationFailed', 'no', 403), subject('pim-role', 'x')).code).toBe('pim.no_consent');
  });

  it('reads the oid of an access token and nothing from a non-JWT', () => {
    const jwt = `e30.${Buffer.from(JSON.stringify({ oid: 'abc' })).toString('base64url')}.sig`;
    expect([oidOf({ token: jwt, expiresOnTimestamp: 0 }), oidOf({ token: 'opaque', expiresOnTimestamp: 0 }), oidOf(null)]).toEqual(['abc', null, null]);
  });
});
