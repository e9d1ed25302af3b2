import { describe, expect, it } from 'vitest';
import { FreshTokensAfterChange, freshClaims } from '../../../../../src-main/services/pim/fresh-tokens';

describe('fresh AKS tokens after a group membership change', () => {
  it('asks once per tenant for a token issued after the change, then goes back to the cache; other scopes and CAE claims pass through', async () => {
    const asked: Array<{ scopes: string; tenantId: string; claims?: string }> = [];
    const inner = { getToken: async (scopes: string, options: { tenantId: string; claims?: string }) => (asked.push({ scopes, ...options }), { token: 't', expiresOnTimestamp: 0 }) };
    const fresh = new FreshTokensAfterChange(inner, 'aks/.default', () => 1_700_000_000_500);
    await fresh.getToken('aks/.default', { tenantId: 'a' });
    fresh.renew();
    await fresh.getToken('arm/.default', { tenantId: 'a' });
    await fresh.getToken('aks/.default', { tenantId: 'a', claims: 'cae' });
    await fresh.getToken('aks/.default', { tenantId: 'a' });
    await fresh.getToken('aks/.default', { tenantId: 'a' });
    await fresh.getToken('aks/.default', { tenantId: 'b' });
    expect(asked.map((a) => a.claims ?? null)).toEqual([null, null, 'cae', freshClaims(1_700_000_000), null, freshClaims(1_700_000_000)]);
    expect(JSON.parse(freshClaims(1))).toEqual({ access_token: { nbf: { essential: true, value: '1' } } });
  });
});
