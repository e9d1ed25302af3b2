/**
 * An expired sign-in is not missing data: when the refresh token expires in Entra (the stand-in's
 * AADSTS700082), discovery keeps the last good inventory with its as-of time, never a shorter list,
 * and reports no per-subscription failure and no "Resource Graph unavailable" for it.
 */
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { DiscoveryService } from '../../../src-main/services/azure/discovery-service';
import { ArmService } from '../../../src-main/services/azure/arm-service';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { standInHttpClient } from '../../standins/arm/client';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { MemoryLogger } from '../../support/memory-logger';
import { startAuthFixture, type AuthFixture } from '../auth/auth-fixture';

const TENANT = DEFAULT_IDS.contosoTenant;
let f: AuthFixture | undefined;
let arm: ArmStandIn | undefined;

afterEach(async () => {
  await arm?.stop();
  await f?.close();
  arm = undefined;
  f = undefined;
});

/** Seven clusters over four subscriptions, read with the operator's real MSAL tokens from the Entra stand-in. */
async function signedInDiscovery() {
  f = await startAuthFixture();
  // Access tokens that are always due for renewal, so every ARM call goes to Entra with the refresh token.
  f.entra.faults.accessTokenLifetimeSec = 1;
  await f.core.auth.signIn('interactive');
  arm = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', tenantId: TENANT, fleet: { subscriptions: 3, clustersPerSubscription: 2 } });
  const auth = f.core.auth;
  const entra = f.entra;
  // Set by the test: the refresh token expires in Entra right after this many more token requests
  // (the moment it expires falls inside a discovery, as it does for an operator).
  const expiry = { afterCalls: Number.POSITIVE_INFINITY };
  const credential: TokenCredential = {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const token = await auth.getToken(scopes, { ...options, tenantId: TENANT });
      if (--expiry.afterCalls <= 0) entra.faults.expireRefreshTokens = true;
      // Already due, so the ARM pipelines ask again on every request instead of reusing it.
      return token && { token: token.token, expiresOnTimestamp: Date.now() };
    },
  };
  const service = new ArmService({ credential, endpoint: arm.url, scope: 'https://management.azure.com/.default', httpClient: standInHttpClient(arm), retry: { maxRetries: 1, retryDelayInMs: 10, maxRetryDelayInMs: 50 }, pollIntervalMs: 10, log: new MemoryLogger() });
  let now = new Date('2026-12-07T13:02:00Z');
  const discovery = new DiscoveryService(() => service, new MemoryLogger(), { fallbackConcurrency: 4, now: () => now });
  return { discovery, fx: f, expiry, tick: (iso: string) => (now = new Date(iso)) };
}

describe('discovery after the sign-in expired', () => {
  it('when the sign-in expires midway through the per-subscription listing, the list does not shrink to the subscriptions listed before', async () => {
    const { discovery, fx, expiry } = await signedInDiscovery();
    const good = await discovery.inventory(TENANT);
    arm!.faults.graphUnavailable = 503;
    // Token requests of the refresh: the subscription list, Resource Graph (503), then one per subscription.
    expiry.afterCalls = 3;
    const after = await discovery.inventory(TENANT, true);
    expect(fx.entra.faults.expireRefreshTokens).toBe(true);
    expect(after.clusters.map((c) => c.id)).toEqual(good.clusters.map((c) => c.id));
    expect(after).toMatchObject({ fromCache: true, asOf: good.asOf, signInExpired: true });
    expect(after.subscriptions.filter((s) => s.access !== 'ok')).toEqual([]);
  });

  it('keeps the last good inventory, marked as of its time, instead of a shorter list with per-subscription errors', async () => {
    const { discovery, fx, expiry, tick } = await signedInDiscovery();
    const good = await discovery.inventory(TENANT);
    expect(good.clusters).toHaveLength(7);

    expiry.afterCalls = 1;
    tick('2026-12-07T13:40:00Z');
    const after = await discovery.inventory(TENANT, true).catch((error: unknown) => error);

    expect(after).toMatchObject({ fromCache: true, asOf: good.asOf, signInExpired: true });
    const inventory = after as typeof good;
    expect(inventory.clusters.map((c) => c.id)).toEqual(good.clusters.map((c) => c.id));
    expect(inventory.subscriptions.filter((s) => s.access !== 'ok')).toEqual([]);
    expect(inventory.warnings.map((w) => w.code)).not.toContain('discovery.graph_unavailable');
    expect(await fx.core.auth.status()).toMatchObject({ state: 'needs-sign-in', account: { username: 'ops.admin@contoso.com' } });
  });

  it('with nothing discovered yet, says the sign-in expired (one error), not an empty inventory', async () => {
    const { discovery, fx } = await signedInDiscovery();
    fx.entra.faults.expireRefreshTokens = true;
    await expect(discovery.inventory(TENANT)).rejects.toMatchObject({ code: 'auth.sign_in_required' });
  });
});
