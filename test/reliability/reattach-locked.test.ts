import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import { startSshdTerminals, type SshdTerminals } from '../e2e/support/sshd-terminals';
import { MemorySecretStore } from '../support/memory-secret-store';

describe('the idle lock holds across a reload, and the kept session comes back on unlock', () => {
  let tls: StandInTls;
  let entra: EntraStandIn;
  let w: SshdTerminals;
  let systemBrowser: BrowserContext;

  beforeAll(async () => {
    tls = makeStandInTls();
    entra = await new EntraStandIn(tls).start();
    w = await startSshdTerminals({
      config: { auth: entra.authConfig({ keychainService: 'aksc-reattach-lock' }) },
      core: {
        extraCaPem: tls.caPem,
        secretStore: new MemorySecretStore(),
        openBrowser: async (url) => {
          const page = await systemBrowser.newPage();
          await page.goto(url);
          await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
          await page.close();
        },
      },
    });
    systemBrowser = await w.h.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  });
  afterAll(async () => {
    await systemBrowser?.close();
    await w?.close();
    await entra?.stop();
  });

  it('shows nothing of the session while locked after the reload, then takes it over with its output after unlock', async () => {
    const { page } = w.h;
    await page.locator('button[data-area="signin"]').click();
    await page.getByTestId('signin-browser').click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');
    await page.locator('nav button[data-area="terminals"]').click();
    const id = await w.open('kept');
    await w.run(id, `printf 'secret\\055looking\\055output\\n'; i=0; while :; do printf '\\rtick %d' $i; i=$((i+1)); sleep 0.1; done`);
    await expect.poll(() => w.screen(id), { timeout: 30_000 }).toContain('secret-looking-output');

    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-overlay').waitFor();
    await page.reload();
    await page.getByTestId('lock-overlay').waitFor({ timeout: 30_000 });
    // Locked: the fresh page neither lists the session nor receives its output.
    await page.waitForTimeout(1000);
    expect(await page.locator('.terminal-mount').count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('secret-looking-output');
    expect(w.h.core.connectivity.manager.listSessions().map((s) => s.state)).toEqual(['open']);

    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-overlay').waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('nav button[data-area="terminals"]').click();
    await expect.poll(() => w.screen(id), { timeout: 30_000 }).toContain('secret-looking-output');
    const tick = async () => Number(/tick (\d+)/.exec(await w.screen(id))?.[1] ?? -1);
    const first = await tick();
    await expect.poll(tick, { timeout: 30_000 }).toBeGreaterThan(first);
    expect((await w.screen(id)).split('secret-looking-output').length - 1).toBe(1);
  });
});
