import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { KEYCHAIN_ITEM_LIMIT_BYTES } from '../../../src-main/services/secrets/chunked-blob';
import type { AuthService, DeviceCodePromptValue } from '../../../src-main/services/auth/auth-service';
import { startAuthFixture, type AuthFixture } from './auth-fixture';
import { findSecrets, readTree } from './secret-scan';

const ARM = 'https://management.azure.com/.default';
let f: AuthFixture | undefined;

afterEach(async () => {
  await f?.close();
  f = undefined;
});

function nextPrompt(auth: AuthService): Promise<DeviceCodePromptValue> {
  return new Promise((resolve) => {
    const off = auth.onDidPromptDeviceCode((p) => {
      off();
      resolve(p);
    });
  });
}

/** Keychain items of the token cache (the store is shared: the audit log keeps its chain head there). */
function cacheItems(fx: AuthFixture): string[] {
  return [...fx.keychain.items.keys()].filter((k) => k.startsWith('msal-cache'));
}

async function expectNoSecretsAnywhere(fx: AuthFixture): Promise<void> {
  expect(findSecrets(fx.log.lines.join('\n'), fx.entra.issuedSecrets)).toEqual([]);
  for (const { file, text } of await readTree(fx.appDataDir)) expect(findSecrets(text, fx.entra.issuedSecrets), file).toEqual([]);
}

describe('interactive sign-in through the system-browser port (PKCE, form_post)', () => {
  it('signs in, keeps the cache chunked in the keychain, and serves tokens silently afterwards', async () => {
    f = await startAuthFixture();
    const status = await f.core.auth.signIn('interactive');
    expect(status).toMatchObject({ state: 'signed-in', account: { username: 'ops.admin@contoso.com' }, tenantId: DEFAULT_IDS.contosoTenant, storage: { kind: 'keychain' } });
    expect(status.expiresOn).toBeGreaterThan(Date.now());
    expect(f.browser.opened[0]).toMatch(new RegExp(`^${f.entra.origin}/organizations/oauth2/v2.0/authorize\\?`));
    expect(f.browser.resultPages[0]).toContain('You are signed in to AKS Access Console');
    expect(f.entra.requests.some((r) => r.path.includes('/discovery/instance'))).toBe(false);

    const items = [...f.keychain.items.entries()].filter(([k]) => k.startsWith('msal-cache'));
    expect(items.length).toBeGreaterThan(1);
    for (const [, value] of items) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(KEYCHAIN_ITEM_LIMIT_BYTES);

    const tokenRequests = () => f!.entra.requests.filter((r) => r.path.endsWith('/token')).length;
    const before = tokenRequests();
    const token = await f.core.auth.getToken(ARM);
    expect(token?.token && f.entra.validateAccessToken(token.token)).toMatchObject({ tenantId: DEFAULT_IDS.contosoTenant });
    expect(token!.expiresOnTimestamp).toBeGreaterThan(Date.now());
    expect(tokenRequests()).toBe(before);
    await expectNoSecretsAnywhere(f);
  });

  it('acquires a token in another tenant with the refresh token, and lists tenants and subscriptions through a real ARM client', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    const partner = await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant });
    expect(f.entra.validateAccessToken(partner!.token)?.tenantId).toBe(DEFAULT_IDS.fabrikamTenant);
    expect(f.entra.requests.at(-1)).toMatchObject({ grant: 'refresh_token', tenant: DEFAULT_IDS.fabrikamTenant });

    const tenants = await f.core.auth.tenants();
    expect(tenants.map((t) => t.displayName).sort()).toEqual(['Contoso Operations', 'Fabrikam Partner']);
    expect(tenants.every((t) => t.allowed)).toBe(true);
    expect((await f.core.auth.subscriptions()).map((s) => s.displayName).sort()).toEqual(['contoso-dev', 'contoso-prod']);
    const switched = await f.core.auth.selectTenant(DEFAULT_IDS.fabrikamTenant);
    expect(switched.tenantId).toBe(DEFAULT_IDS.fabrikamTenant);
    expect((await f.core.auth.subscriptions()).map((s) => s.displayName)).toEqual(['fabrikam-shared']);
  });

  it('answers a CAE claims challenge from ARM by passing the claims to MSAL (a fresh token, then the retry succeeds)', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.faults.armClaimsChallenge = true;
    const tenants = await f.core.auth.tenants();
    expect(tenants).toHaveLength(2);
    expect(f.entra.requests.some((r) => r.grant === 'refresh_token' && r.claims)).toBe(true);
  });

  it('restores the signed-in account after a restart from the keychain alone', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    await f.core.auth.selectTenant(DEFAULT_IDS.fabrikamTenant);
    const second = f.restart();
    const status = await second.auth.status();
    expect(status).toMatchObject({ state: 'signed-in', account: { username: 'ops.admin@contoso.com' }, tenantId: DEFAULT_IDS.fabrikamTenant });
  });

  it('still signs in when the preferred loopback port is taken', async () => {
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      f = await startAuthFixture({ auth: { loopbackPort: port } });
      expect((await f.core.auth.signIn('interactive')).state).toBe('signed-in');
      expect(new URL(new URL(f.browser.opened[0]!).searchParams.get('redirect_uri')!).port).not.toBe(String(port));
    } finally {
      blocker.close();
    }
  });

  it('cancels a sign-in the operator abandoned in the browser, and times one out', async () => {
    f = await startAuthFixture({ auth: { signInTimeoutSec: 1 } });
    f.browser.stall = true;
    const pending = f.core.auth.signIn('interactive');
    await expect.poll(() => f!.browser.opened.length).toBe(1);
    await expect(pending).rejects.toMatchObject({ code: 'auth.timeout' });
    const again = f.core.auth.signIn('interactive').catch((error: unknown) => error);
    await expect.poll(() => f!.browser.opened.length).toBe(2);
    expect(await f.core.auth.cancel()).toBe(true);
    expect(await again).toMatchObject({ code: 'auth.cancelled' });
    expect((await f.core.auth.status()).state).toBe('signed-out');
    expect(cacheItems(f).length).toBe(0);
  });
});

describe('device code sign-in', () => {
  it('shows the code, signs in once approved, and is refused when policy disables it', async () => {
    f = await startAuthFixture();
    const prompt = nextPrompt(f.core.auth);
    const signIn = f.core.auth.signIn('deviceCode');
    const { userCode, verificationUri } = await prompt;
    expect(verificationUri).toBe(`${f.entra.origin}/devicelogin`);
    expect((await f.core.auth.status())).toMatchObject({ state: 'signing-in', method: 'deviceCode' });
    f.entra.approveDeviceCode(userCode);
    expect((await signIn).state).toBe('signed-in');
    await f.close();

    f = await startAuthFixture({ auth: { deviceCode: 'disabled' } });
    await expect(f.core.auth.signIn('deviceCode')).rejects.toMatchObject({ code: 'auth.device_code_disabled' });
    expect((await f.core.auth.status()).deviceCodeAllowed).toBe(false);
  });

  it.each([
    ['declined', 'auth.declined'],
    ['expired', 'auth.device_code_expired'],
    ['cancelled', 'auth.cancelled'],
  ] as const)('ends clearly when the code is %s', async (outcome, code) => {
    f = await startAuthFixture();
    const prompt = nextPrompt(f.core.auth);
    const signIn = f.core.auth.signIn('deviceCode').catch((error: unknown) => Promise.reject(error as Error));
    signIn.catch(() => undefined);
    const { userCode } = await prompt;
    if (outcome === 'declined') f.entra.declineDeviceCode(userCode);
    if (outcome === 'expired') f.entra.expireDeviceCode(userCode);
    if (outcome === 'cancelled') await f.core.auth.cancel();
    await expect(signIn).rejects.toMatchObject({ code });
    const status = await f.core.auth.status();
    expect(status).toMatchObject({ state: 'signed-out', lastError: { code } });
    expect(cacheItems(f).length).toBe(0);
  });
});

describe('silent renewal that needs a person', () => {
  it.each([
    ['interaction_required', { error: 'interaction_required', description: 'AADSTS50076: MFA required.' }],
    ['bare invalid_grant', { error: 'invalid_grant', description: 'AADSTS50173: The provided grant has expired.' }],
  ])('%s turns into "needs sign-in" without a browser popping up', async (_name, fault) => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.faults.tokenError = { ...fault, grant: 'refresh_token' };
    await expect(f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant })).rejects.toMatchObject({ code: 'auth.sign_in_required' });
    expect(await f.core.auth.status()).toMatchObject({ state: 'needs-sign-in', account: { username: 'ops.admin@contoso.com' } });
    expect(f.browser.opened).toHaveLength(1);
  });

  it('an expired refresh token on restart shows "needs sign-in", and signing in again recovers', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.faults.accessTokenLifetimeSec = 1;
    f.entra.faults.expireRefreshTokens = true;
    await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant }).catch(() => undefined);
    const status = await f.core.auth.status();
    expect(status.state).toBe('needs-sign-in');
    f.entra.faults.expireRefreshTokens = false;
    f.entra.faults.accessTokenLifetimeSec = 3600;
    expect((await f.core.auth.signIn('interactive')).state).toBe('signed-in');
  });
});

describe('bad answers from the authority end in a clear state with nothing stored', () => {
  it.each([
    ['a hanging token endpoint', (fx: AuthFixture) => (fx.entra.faults.hang = true), 'auth.network'],
    ['repeated 5xx', (fx: AuthFixture) => (fx.entra.faults.serverErrors = 10), 'auth.service_unavailable'],
    ['a non-JSON body (a proxy login page)', (fx: AuthFixture) => (fx.entra.faults.malformed = 'not-json'), 'auth.invalid_response'],
    ['a token response without tokens', (fx: AuthFixture) => (fx.entra.faults.malformed = 'missing-fields'), 'auth.invalid_response'],
    ['an id token with a nonce nobody sent', (fx: AuthFixture) => (fx.entra.faults.wrongNonce = true), 'auth.invalid_response'],
    ['an authorize error', (fx: AuthFixture) => (fx.entra.faults.authorizeError = { error: 'access_denied', description: 'AADSTS65004: User declined to consent.' }), 'auth.declined'],
  ])('%s', async (_name, arrange, code) => {
    f = await startAuthFixture({ auth: { requestTimeoutMs: 1500 } });
    arrange(f);
    await expect(f.core.auth.signIn('interactive')).rejects.toMatchObject({ code });
    const status = await f.core.auth.status();
    expect(status.state).toBe('signed-out');
    expect(status.lastError?.code).toBe(code);
    expect(JSON.stringify(status)).not.toMatch(/at\.|rt\.|eyJ/);
    expect((await f.core.auth.accounts()).accounts).toEqual([]);
    const stored = [...f.keychain.items.values()].join('');
    expect(findSecrets(Buffer.from(stored, 'base64').toString('utf8') + stored, f.entra.issuedSecrets)).toEqual([]);
    await expectNoSecretsAnywhere(f);
  });

  it('signs in despite a server clock two hours off (expiry comes from expires_in)', async () => {
    f = await startAuthFixture();
    f.entra.faults.clockSkewSec = -7200;
    const status = await f.core.auth.signIn('interactive');
    expect(status.state).toBe('signed-in');
    expect(status.expiresOn! - Date.now()).toBeGreaterThan(3000 * 1000);
  });
});

describe('sign-out and policy', () => {
  it('sign-out removes the account and every keychain item; another account stays signed in until it signs out', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.browserUser = f.entra.directory.users[1]!;
    await f.core.auth.signIn('interactive', { forceAccountPicker: true });
    expect(new URL(f.browser.opened[1]!).searchParams.get('prompt')).toBe('select_account');
    const { accounts, current } = await f.core.auth.accounts();
    expect(accounts.map((a) => a.username).sort()).toEqual(['jun.sato@contoso.com', 'ops.admin@contoso.com']);
    const first = accounts.find((a) => a.username === 'ops.admin@contoso.com')!;
    expect(current).not.toBe(first.homeAccountId);

    await f.core.auth.signOut(first.homeAccountId);
    expect((await f.core.auth.accounts()).accounts.map((a) => a.username)).toEqual(['jun.sato@contoso.com']);
    expect((await f.core.auth.status()).state).toBe('signed-in');
    expect(cacheItems(f).length).toBeGreaterThan(0);

    const out = await f.core.auth.signOut();
    expect(out.state).toBe('signed-out');
    expect(out.account).toBeUndefined();
    expect(cacheItems(f).length).toBe(0);
    await expect(f.core.auth.getToken(ARM)).rejects.toMatchObject({ code: 'auth.sign_in_required' });
  });

  it('a policy that requires the OS broker refuses browser sign-in where there is none, and says why', async () => {
    f = await startAuthFixture({ auth: { broker: 'required' } });
    const status = await f.core.auth.status();
    expect(status.interactive).toEqual({ mode: 'browser', blocked: true, reason: expect.stringMatching(/^Policy requires the OS broker/) });
    await expect(f.core.auth.signIn('interactive')).rejects.toMatchObject({ code: 'auth.broker_required' });
    expect(f.browser.opened).toEqual([]);
    expect(f.entra.requests).toEqual([]);
  });

  it('allowed tenants: others are listed as not allowed and cannot be selected or used', async () => {
    f = await startAuthFixture({ auth: { allowedTenants: [DEFAULT_IDS.contosoTenant] } });
    await f.core.auth.signIn('interactive');
    const tenants = await f.core.auth.tenants();
    expect(tenants.find((t) => t.tenantId === DEFAULT_IDS.fabrikamTenant)?.allowed).toBe(false);
    await expect(f.core.auth.selectTenant(DEFAULT_IDS.fabrikamTenant)).rejects.toMatchObject({ code: 'auth.tenant_not_allowed' });
    await expect(f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant })).rejects.toMatchObject({ code: 'auth.tenant_not_allowed' });
    expect((await f.core.auth.status()).tenantId).toBe(DEFAULT_IDS.contosoTenant);
  });
});

describe('the keychain under stress', () => {
  it('a keychain that disappears mid-session: tokens stay in memory only, the operator is told, nothing is written', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    const states: string[] = [];
    f.core.auth.onDidChangeState((s) => states.push(s.storage.kind));
    const itemsBefore = new Map(f.keychain.items);
    f.keychain.unavailable = true;
    const token = await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant });
    expect(f.entra.validateAccessToken(token!.token)).toBeDefined();
    const status = await f.core.auth.status();
    expect(status.storage).toEqual({ kind: 'memory', reason: expect.stringContaining('keychain') });
    expect(states).toContain('memory');
    expect(await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant })).toMatchObject({ token: token!.token });
    expect(f.keychain.items).toEqual(itemsBefore);
    expect(f.log.lines.some((l) => l.includes('tokens are kept in memory only'))).toBe(true);
    await expectNoSecretsAnywhere(f);
  });

  it('a tampered cache is discarded with a logged reason on the next start, not crashed on', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    const chunk = [...f.keychain.items.keys()].find((k) => k.startsWith('msal-cache.'))!;
    const value = f.keychain.items.get(chunk)!;
    f.keychain.items.set(chunk, `${value.slice(0, -4)}AAAA`);
    const second = f.restart();
    const status = await second.auth.status();
    expect(status.state).toBe('signed-out');
    expect(f.log.lines.some((l) => l.includes('stored token cache discarded') && l.includes('integrity'))).toBe(true);
  });

  it('two console instances sharing one keychain refresh concurrently without corrupting the cache', async () => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    const second = f.restart();
    await second.auth.whenReady();
    await Promise.all([
      f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant }),
      second.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant, claims: '{"access_token":{"nbf":{"essential":true,"value":"1"}}}' }),
      f.core.auth.getToken(ARM, { claims: '{"access_token":{"nbf":{"essential":true,"value":"2"}}}' }),
    ]);
    const third = f.restart();
    expect(await third.auth.status()).toMatchObject({ state: 'signed-in' });
    expect(f.log.lines.some((l) => l.includes('discarded'))).toBe(false);
  });
});
