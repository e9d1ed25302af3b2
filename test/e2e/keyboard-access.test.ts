/**
 * Issue 25: the terminal is no keyboard trap (F6 and Shift+F6 leave it in every mode, Ctrl+M makes
 * Tab move focus, its name and help are in the console's language); the idle lock warns first,
 * through the live region, with one action to stay unlocked; every screen reflows at 320 px
 * (400% zoom) with axe clean. Keyboard only: no mouse, no scripted focus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { seriousViolations } from './support/axe';
import { focusedMatches, liveText, sidewaysOverflow, tabTo } from './support/keyboard';
import { announceSession, feed, type TerminalTraffic } from './support/terminal-feed';

const TERMINAL_INPUT = '.terminal-mount textarea';


describe.each(['en', 'ja'] as const)('the terminal is no keyboard trap (%s)', (language) => {
  let h: Harness;
  let traffic: TerminalTraffic;
  beforeAll(async () => {
    h = await startHarness({ language });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('enters the terminal, and leaves it with F6, Shift+F6 and Tab after Ctrl+M', async () => {
    const { page } = h;
    await tabTo(page, 'nav button[data-area="terminals"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('no-sessions').waitFor();
    traffic = announceSession(h, `kbd-${language}`, 'jump box');
    await page.locator('.terminal-mount .xterm').waitFor();
    feed(h, `kbd-${language}`, 'Welcome\r\n$ ');
    // Opening a session in front puts focus in its terminal.
    await expect.poll(() => focusedMatches(page, TERMINAL_INPUT)).toBe(true);

    // Tab belongs to the shell by default (completion), so it stays in the terminal …
    for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(true);
    await expect.poll(() => traffic.writes.join('')).toContain('\t');

    // … and F6 leaves it all the same: to the next region, Shift+F6 to the navigation.
    await page.keyboard.press('F6');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('.title-bar, nav, main, .status-area') !== null)).toBe(true);
    await tabTo(page, TERMINAL_INPUT);
    await page.keyboard.press('Shift+F6');
    expect(await focusedMatches(page, 'nav button[aria-current="page"][data-area="terminals"]')).toBe(true);

    // Its name and help are in the console's language; the help names the keys that leave it.
    const input = page.locator(TERMINAL_INPUT);
    expect(await input.getAttribute('aria-label')).toBe(language === 'en' ? 'Terminal input: jump box' : 'ターミナル入力: jump box');
    const help = await page.locator(`#${await input.getAttribute('aria-describedby')}`).textContent();
    expect(help).toContain('F6');
    expect(help).toContain('Ctrl+M');

    // Ctrl+M: Tab moves focus, said in the live region and on the toolbar toggle.
    await tabTo(page, TERMINAL_INPUT);
    const writesBefore = traffic.writes.length;
    await page.keyboard.press('Control+m');
    await expect.poll(() => liveText(page)).toBe(language === 'en' ? 'Tab moves focus: on.' : 'Tab キーでフォーカスを移動: オン。');
    expect(await page.getByTestId('terminal-tab-mode').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(false);
    // Neither Ctrl+M (a carriage return to the shell otherwise) nor the Tabs reached the shell.
    expect(traffic.writes.slice(writesBefore).join('')).toBe('');

    // Ctrl+M again gives Tab back to the shell.
    await tabTo(page, TERMINAL_INPUT);
    await page.keyboard.press('Control+m');
    await expect.poll(() => liveText(page)).toContain(language === 'en' ? 'Tab moves focus: off' : 'Tab キーでフォーカスを移動: オフ');
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, TERMINAL_INPUT)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('reflows at 320 px (400% zoom) on every screen, with axe clean', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 320, height: 640 });
    for (const area of ['signin', 'clusters', 'wizard', 'checklist', 'terminals', 'audit', 'settings']) {
      // Shift+F6 reaches the navigation from wherever focus is (the terminal included); then along it.
      await page.keyboard.press('Shift+F6');
      expect(await focusedMatches(page, 'nav button[aria-current="page"]')).toBe(true);
      if (!(await focusedMatches(page, `nav button[data-area="${area}"]`))) await tabTo(page, `nav button[data-area="${area}"]`, { back: area === 'signin', max: 8 });
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('main').getAttribute('data-area')).toBe(area);
      expect(await focusedMatches(page, '#area-title, #area-title *'), `focus after opening ${area}`).toBe(true);
      expect(await sidewaysOverflow(page), `${area} scrolls sideways at 320 px`).toEqual([]);
      expect(await seriousViolations(page), area).toEqual([]);
    }
    await h.shot(`reflow-320-${language}`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('the idle lock warns before it locks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ language: 'en', core: { idleTimeoutMs: () => 10_000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('announces the warning, keeps the console unlocked with one key, then locks after another warning', async () => {
    const { page } = h;
    await tabTo(page, 'nav button[data-area="audit"]');
    await page.getByTestId('idle-warning').waitFor({ timeout: 15_000 });
    expect(await liveText(page, 'assertive')).toMatch(/^The console locks in \d+ seconds without input\./);
    expect(await focusedMatches(page, '[data-testid="idle-extend"]')).toBe(true);
    expect(await page.getByTestId('lock-overlay').count()).toBe(0);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('idle-warning').count()).toBe(0);
    expect(await focusedMatches(page, 'nav button[data-area="audit"]')).toBe(true);
    await expect.poll(() => liveText(page)).toBe('The console stays unlocked.');

    // No input: the warning comes back, and only then the lock.
    await page.getByTestId('idle-warning').waitFor({ timeout: 15_000 });
    await page.getByTestId('lock-overlay').waitFor({ timeout: 15_000 });
    await expect.poll(() => focusedMatches(page, '[data-testid="lock-unlock"]')).toBe(true);
  });
});

describe('the idle lock warns after a page load too', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ language: 'ja', core: { idleTimeoutMs: () => 10_000 } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('warns before main locks although the page has seen no input since it loaded', async () => {
    const { page } = h;
    // No key, no pointer: only main knows when the last activity was.
    await page.getByTestId('idle-warning').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('lock-overlay').count()).toBe(0);
    expect(await liveText(page, 'assertive')).toMatch(/^入力がないと、コンソールはあと \d+ 秒でロックされます。/);
    await expect.poll(() => focusedMatches(page, '[data-testid="idle-extend"]')).toBe(true);
    await page.getByTestId('lock-overlay').waitFor({ timeout: 15_000 });
  });
});
