/**
 * Accessibility of every screen that needs no Azure data, in both languages and in the high
 * contrast theme: axe finds no serious or critical violation, and focus is visible. The screens
 * that show Azure data are covered by the walk test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { seriousViolations } from './support/axe';
import { announceSession, feed } from './support/terminal-feed';

describe.each(['en', 'ja'] as const)('axe on every screen (%s)', (language) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ language });
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(['signin', 'clusters', 'wizard', 'checklist', 'audit', 'settings'])('%s has no serious or critical violation', async (area) => {
    await h.page.locator(`nav button[data-area="${area}"]`).click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe(area);
    await h.page.waitForTimeout(300);
    expect(await seriousViolations(h.page)).toEqual([]);
  });

  it('terminals, with a session and the paste preview, have no serious or critical violation', async () => {
    await h.page.locator('nav button[data-area="terminals"]').click();
    await h.page.getByTestId('no-sessions').waitFor();
    announceSession(h, `a11y-${language}`);
    await h.page.locator('.terminal-mount .xterm').waitFor();
    feed(h, `a11y-${language}`, 'Welcome to the jump box\r\n\x1b]8;;https://learn.microsoft.com/\x07docs\x1b]8;;\x07\r\n$ ');
    await h.page.waitForTimeout(300);
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.shot(`terminals-${language}`);

    await h.page.evaluate(() => {
      const target = document.querySelector('.terminal-mount textarea');
      const data = new DataTransfer();
      data.setData('text/plain', 'kubectl get ns\nkubectl get pods -A\n');
      target?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await h.page.getByTestId('paste-dialog').waitFor();
    expect(await h.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('paste-cancel');
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.shot(`paste-dialog-${language}`);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByTestId('paste-dialog').count()).toBe(0);
  });

  it('keeps focus visible and reachable by keyboard from the skip link', async () => {
    await h.page.locator('nav button[data-area="settings"]').click();
    await h.page.keyboard.press('Shift+Tab');
    await h.page.evaluate(() => (document.querySelector('.skip-link') as HTMLElement | null)?.focus());
    const outline = await h.page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
  });
});

describe('axe in the high contrast theme', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ language: 'en' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('settings stay within contrast rules', async () => {
    await h.page.locator('nav button[data-area="settings"]').click();
    await h.page.locator('input[name="theme"][value="high-contrast"]').click();
    await expect.poll(() => h.page.evaluate(() => document.documentElement.dataset.theme)).toBe('high-contrast');
    expect(await seriousViolations(h.page)).toEqual([]);
    await h.shot('settings-high-contrast-en');
  });
});
