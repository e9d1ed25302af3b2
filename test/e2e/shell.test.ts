import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('console shell in Chromium with the real router behind it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ language: 'en' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the simulated banner and every area, in English', async () => {
    await expect.poll(() => h.page.getByTestId('simulated-banner').isVisible()).toBe(true);
    for (const area of ['signin', 'clusters', 'wizard', 'checklist', 'terminals', 'audit', 'settings']) {
      await h.page.locator(`nav button[data-area="${area}"]`).click();
      await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe(area);
      await expect.poll(() => h.page.locator(`nav button[data-area="${area}"]`).getAttribute('aria-current')).toBe('page');
      await h.shot(`shell-${area}-en`);
    }
  });

  it('round-trips app.info (invoke) through the router', async () => {
    await h.page.locator('nav button[data-area="settings"]').click();
    await expect.poll(() => h.page.getByTestId('app-info').textContent()).toContain('Browser harness');
    expect(h.received.some((m) => m.kind === 'response' && m.name === 'app.info')).toBe(true);
  });

  it('switches to Japanese: settings.update invoke, then the settings.changed event re-renders the UI', async () => {
    await h.page.locator('input[name="language"][value="ja"]').click();
    await expect.poll(() => h.page.locator('nav button[data-area="settings"]').textContent()).toBe('設定');
    await expect.poll(() => h.page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(h.received.some((m) => m.kind === 'event' && m.name === 'settings.changed')).toBe(true);
    await h.shot('shell-settings-ja');
    // The change is persisted by main, not by the page: a fresh read through the router sees it.
    const fresh = await h.core.router.dispatch('settings.get', undefined, { url: `${h.origin}/index.html`, isMainFrame: true, senderId: 't' });
    expect(fresh).toEqual({ ok: true, data: { language: 'ja', theme: 'system' } });
  });

  it('refuses bad input from the page with a coded error and no state change', async () => {
    const answers = await h.page.evaluate(async () => {
      const api = (window as unknown as { aksConsole: { invoke: Record<string, (r: unknown) => Promise<unknown>> } }).aksConsole;
      return {
        wrongType: await api.invoke['settings.update']!({ language: 'klingon' }),
        extraField: await api.invoke['settings.update']!({ theme: 'dark', token: 'x' }),
        noGeneric: typeof (api as unknown as Record<string, unknown>).call,
        frozen: Object.isFrozen(api.invoke),
      };
    });
    expect(answers.wrongType).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(answers.extraField).toMatchObject({ ok: false, error: { code: 'ipc.invalid_payload' } });
    expect(answers.noGeneric).toBe('undefined');
    expect(answers.frozen).toBe(true);
    const after = await h.core.router.dispatch('settings.get', undefined, { url: `${h.origin}/index.html`, isMainFrame: true, senderId: 't' });
    expect(after).toMatchObject({ ok: true, data: { theme: 'system' } });
  });

  it('serves the renderer with the CSP header and no inline script', async () => {
    const response = await h.page.request.get(`${h.origin}/index.html`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
