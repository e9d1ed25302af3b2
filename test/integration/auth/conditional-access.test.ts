import { afterEach, describe, expect, it } from 'vitest';
import type { i18n as I18n } from 'i18next';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import { CONDITIONAL_ACCESS_CODES } from '../../standins/entra/conditional-access';
import { initI18n } from '../../../src-renderer/i18n';
import { errorLine } from '../../../src-renderer/ui/message-text';
import { startAuthFixture, type AuthFixture } from './auth-fixture';

/**
 * Conditional Access refusals, sent by the Entra stand-in the way Entra sends them, reach the
 * operator as the advice for that code, in English and Japanese, from the sign-in and from a token
 * refresh; the console never falls back to a device code sign-in (which would not satisfy a device
 * or MFA condition either).
 */
const ARM = 'https://management.azure.com/.default';
let f: AuthFixture | undefined;
const languages: Record<'en' | 'ja', Promise<I18n>> = { en: initI18n('en'), ja: initI18n('ja') };

afterEach(async () => {
  await f?.close();
  f = undefined;
});

/** The line the sign-in screen shows for an error, in `lang`, and the advice it must contain. */
async function shown(lang: 'en' | 'ja', error: { code: string; message: string; params?: Record<string, string> }, aadsts: string): Promise<{ line: string; advice: string }> {
  const i18n = await languages[lang];
  const advice = i18n.t(`messages.aadsts_${aadsts}`);
  expect(advice, `${lang} has advice for ${aadsts}`).not.toBe(`messages.aadsts_${aadsts}`);
  return { line: errorLine(i18n, error), advice };
}

async function expectAdvice(error: unknown, aadsts: string): Promise<void> {
  const e = error as { code: string; message: string; params?: Record<string, string> };
  expect(e.params?.aadsts).toBe(aadsts);
  for (const lang of ['en', 'ja'] as const) {
    const { line, advice } = await shown(lang, e, aadsts);
    expect(line).toContain(advice);
  }
}

describe('Conditional Access refusals from Entra', () => {
  it.each(CONDITIONAL_ACCESS_CODES)('AADSTS%i at sign-in: the sign-in fails with that code\'s advice in en and ja, and no device code is tried', async (code) => {
    f = await startAuthFixture();
    f.entra.faults.conditionalAccess = { code, grants: ['authorization_code'] };
    const error = await f.core.auth.signIn('interactive').then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    await expectAdvice(error, `AADSTS${code}`);
    const status = await f.core.auth.status();
    expect(status.state).not.toBe('signed-in');
    expect(status.lastError?.params?.aadsts).toBe(`AADSTS${code}`);
    expect(f.entra.requests.filter((r) => r.path.endsWith('/devicecode') || r.grant === 'device_code')).toEqual([]);
    expect(f.browser.opened).toHaveLength(1);
  });

  it.each([50076, 53000, 53003] as const)('AADSTS%i on a token refresh: "needs sign-in" with the advice, no browser and no device code', async (code) => {
    f = await startAuthFixture();
    await f.core.auth.signIn('interactive');
    f.entra.faults.conditionalAccess = { code, grants: ['refresh_token'] };
    const error = await f.core.auth.getToken(ARM, { tenantId: DEFAULT_IDS.fabrikamTenant }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'auth.sign_in_required' });
    await expectAdvice(error, `AADSTS${code}`);
    expect(await f.core.auth.status()).toMatchObject({ state: 'needs-sign-in' });
    expect(f.browser.opened).toHaveLength(1);
    expect(f.entra.requests.filter((r) => r.path.endsWith('/devicecode') || r.grant === 'device_code')).toEqual([]);
  });
});
