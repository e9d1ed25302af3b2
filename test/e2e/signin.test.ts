/**
 * Sign-in end to end: the real renderer in Chromium, the real core behind it, MSAL against the
 * Entra stand-in. The "system browser" is a second Chromium context: it loads the stand-in's
 * authorize page, whose form_post reaches MSAL's loopback listener exactly as in production.
 * At the end, everything the renderer received, every log line and every file the app wrote are
 * scanned for the tokens the stand-in issued.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src-main/services/secrets/keytar-secret-store';
import { DEFAULT_IDS } from '../standins/entra/directory';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import { findSecrets, readTree } from '../integration/auth/secret-scan';
import { OUTPUT_DIR, startHarness, type Harness } from './harness';
import { seriousViolations } from './support/axe';

describe.each(['en', 'ja'] as const)('sign-in in Chromium (%s)', (language) => {
  let tls: StandInTls;
  let entra: EntraStandIn;
  let h: Harness;
  let systemBrowser: BrowserContext;
  const browserPages: string[] = [];

  beforeAll(async () => {
    tls = makeStandInTls();
    entra = await new EntraStandIn(tls).start();
    const service = `aksc-e2e-${randomUUID()}`;
    h = await startHarness({
      language,
      config: { auth: entra.authConfig({ keychainService: service }) },
      core: {
        extraCaPem: tls.caPem,
        secretStore: new KeytarSecretStore(service),
        openBrowser: async (url) => {
          // The operator's own browser: a separate context that trusts the stand-in's test CA.
          const page = await systemBrowser.newPage();
          await page.goto(url);
          await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
          await page.getByRole('heading').first().waitFor();
          const file = path.join(OUTPUT_DIR, 'screens', `signin-system-browser-result-${language}.png`);
          await mkdir(path.dirname(file), { recursive: true });
          await page.screenshot({ path: file });
          browserPages.push(await page.content());
          await page.close();
        },
      },
    });
    systemBrowser = await h.context.browser()!.newContext({ ignoreHTTPSErrors: true, locale: language === 'ja' ? 'ja-JP' : 'en-US' });
  });

  afterAll(async () => {
    await systemBrowser?.close();
    await h?.close();
    await entra?.stop();
  });

  it('signs in through the system browser, shows the account, tenants and subscriptions, switches tenant, signs out', async () => {
    const { page } = h;
    await page.getByTestId('signin-browser').waitFor();
    if (process.env.AKS_TEST_KEYRING === '1') expect(await page.getByTestId('storage-warning').count()).toBe(0);
    await h.shot(`signin-signed-out-${language}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('signin-browser').click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');
    expect(browserPages.at(-1)).toContain(language === 'ja' ? 'サインインしました' : 'You are signed in');
    await expect.poll(() => page.getByTestId('subscription-list').textContent()).toContain('contoso-prod');
    await h.shot(`signin-signed-in-${language}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator(`input[name="tenant"][value="${DEFAULT_IDS.fabrikamTenant}"]`).click();
    await expect.poll(() => page.getByTestId('subscription-list').textContent()).toContain('fabrikam-shared');
    await h.shot(`signin-tenant-switched-${language}`);

    await page.getByTestId('signin-signout').click();
    await page.getByTestId('signin-browser').waitFor();
    expect((await h.core.auth.accounts()).accounts).toEqual([]);
  });

  it('signs in with a device code shown in the window, and signs out', async () => {
    const { page } = h;
    await page.getByTestId('signin-device').click();
    const code = page.getByTestId('device-code');
    await code.waitFor();
    const userCode = (await code.textContent())!;
    expect(userCode).toMatch(/^[0-9A-F]{9}$/);
    await h.shot(`signin-device-code-${language}`);
    expect(await seriousViolations(page)).toEqual([]);
    entra.approveDeviceCode(userCode);
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');
    await page.getByTestId('signin-signout').click();
    await page.getByTestId('signin-browser').waitFor();
  });

  it('adds a second account, switches between them, and offers the remaining one after signing out', async () => {
    const { page } = h;
    await page.getByTestId('signin-browser').click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');
    entra.browserUser = entra.directory.users[1]!;
    await page.getByRole('button', { name: language === 'ja' ? '別のアカウントでサインイン' : 'Sign in with another account' }).click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('jun.sato@contoso.com');
    await page.getByTestId('switch-account').waitFor();
    await h.shot(`signin-two-accounts-${language}`);
    await page.getByTestId('switch-account').click();
    await expect.poll(() => page.getByTestId('account-username').textContent()).toBe('ops.admin@contoso.com');
    await page.getByTestId('signin-signout').click();
    await page.getByTestId('cached-accounts').waitFor();
    expect(await page.getByTestId('cached-accounts').textContent()).toContain('jun.sato@contoso.com');
    await h.shot(`signin-cached-account-${language}`);
    await page.getByTestId('cached-accounts').getByRole('button').click();
    await expect.poll(() => page.getByTestId('account-username').textContent()).toBe('jun.sato@contoso.com');
    await page.getByTestId('signin-signout').click();
    await page.getByTestId('signin-browser').waitFor();
    expect((await h.core.auth.accounts()).accounts).toEqual([]);
    entra.browserUser = entra.directory.users[0]!;
  });

  it('cancels a device-code sign-in from the window and says so', async () => {
    const { page } = h;
    await page.getByTestId('signin-device').click();
    await page.getByTestId('device-code').waitFor();
    await page.getByTestId('signin-cancel').click();
    await expect.poll(() => page.getByTestId('signin-error').getAttribute('data-code')).toBe('auth.cancelled');
    await h.shot(`signin-cancelled-${language}`);
  });

  it('checks the workstation from the sign-in screen: endpoints reached, clock in step, keychain round trip', async () => {
    const { page } = h;
    await page.getByTestId('readiness-run').click();
    const table = page.getByTestId('readiness-results');
    await table.waitFor();
    const row = (id: string) => table.locator(`tr[data-check="${id}"]`);
    expect(await row('entra').getAttribute('data-status')).toBe('pass');
    expect(await row('entra').textContent()).toContain(entra.knownAuthority);
    expect(await row('arm').getAttribute('data-status')).toBe('pass');
    expect(await row('clock').getAttribute('data-code')).toBe('clock-ok');
    expect(await row('egress-ip').getAttribute('data-status')).toBe('skip');
    if (process.env.AKS_TEST_KEYRING === '1') expect(await row('keychain').getAttribute('data-code')).toBe('keychain-ok');
    expect(await table.textContent()).not.toMatch(/\{\{|readiness\./);
    await h.shot(`signin-workstation-check-${language}`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('leaks no token into anything the renderer received, any log line, or any file the app wrote', async () => {
    expect(entra.issuedSecrets.size).toBeGreaterThan(3);
    expect(h.received.length).toBeGreaterThan(10);
    expect(findSecrets(JSON.stringify(h.received), entra.issuedSecrets)).toEqual([]);
    expect(findSecrets(h.log.lines.join('\n'), entra.issuedSecrets)).toEqual([]);
    const files = await readTree(h.appDataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const { file, text } of files) expect(findSecrets(text, entra.issuedSecrets), file).toEqual([]);
    expect(findSecrets(await h.page.content(), entra.issuedSecrets)).toEqual([]);
  });
});
