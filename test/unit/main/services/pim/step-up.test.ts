import { describe, expect, it } from 'vitest';
import { MFA_CLAIMS, stepUpClaims, stepUpFailure } from '../../../../../src-main/services/pim/step-up';

const acrs = (claims: string) => ({ code: 'RoleAssignmentRequestAcrsValidationFailed', message: `&claims=${encodeURIComponent(claims)}` });

describe('the claims an activation refusal asks a step-up for', () => {
  it('reads the URL-encoded claims of an authentication-context refusal, and asks for amr=mfa on an MfaRule failure', () => {
    expect(JSON.parse(stepUpClaims(acrs('{"access_token":{"acrs":{"essential":true, "value":"c1"}}}'))!)).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });
    expect(stepUpClaims({ code: 'RoleAssignmentRequestPolicyValidationFailed', message: 'The following policy rules failed: ["JustificationRule","MfaRule"]' })).toBe(MFA_CLAIMS);
  });

  it('finds nothing to step up for in other refusals, and takes no malformed, oversized or foreign claims from the message', () => {
    expect(stepUpClaims({ code: 'RoleAssignmentRequestPolicyValidationFailed', message: 'The following policy rules failed: ["ExpirationRule"]' })).toBeNull();
    expect(stepUpClaims({ code: 'AuthorizationFailed', message: '&claims=%7B%7D' })).toBeNull();
    expect(stepUpClaims(acrs('not json'))).toBeNull();
    expect(stepUpClaims(acrs('["access_token"]'))).toBeNull();
    expect(stepUpClaims(acrs('{"userinfo":{"email":null}}'))).toBeNull();
    expect(stepUpClaims(acrs(`{"access_token":{"acrs":{"value":"${'c'.repeat(3000)}"}}}`))).toBeNull();
    expect(stepUpClaims({ code: 'RoleAssignmentRequestAcrsValidationFailed', message: '&claims=%E0%A4%A' })).toBeNull();
    expect(stepUpClaims(null)).toBeNull();
  });

  it('words a cancelled, declined or timed-out step-up as "nothing activated" and passes other failures through', () => {
    for (const code of ['auth.cancelled', 'auth.declined', 'auth.timeout']) expect(stepUpFailure({ code }, 'Writer on aks-prod')).toMatchObject({ code: 'pim.step_up_cancelled' });
    const other = { code: 'auth.network' };
    expect(stepUpFailure(other, 'x')).toBe(other);
  });
});
