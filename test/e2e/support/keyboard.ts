/** Keyboard-only helpers for the accessibility walks: no mouse, no scripted focus. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
export async function tabTo(page: Page, selector: string, options: { max?: number; back?: boolean } = {}): Promise<number> {
  const max = options.max ?? 120;
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    if (await focusedMatches(page, selector)) return i;
  }
  throw new Error(`${options.back ? 'Shift+Tab' : 'Tab'} never reached ${selector} in ${max} presses (focus is on ${await describeFocus(page)})\n${await focusTrail(page)}`);
}

/** The page's last focus moves, one a line (the harness records them), for failure messages. */
export async function focusTrail(page: Page): Promise<string> {
  const trail = await page.evaluate(() => (window as unknown as { __focusTrail?: string[] }).__focusTrail ?? []).catch(() => []);
  return trail.length ? `focus moves, oldest first:\n  ${trail.join('\n  ')}` : 'no focus moves recorded';
}

/** Whether the focused element matches `selector`. */
export function focusedMatches(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
}

/** A short description of the focused element, for failure messages and polls. */
export function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const id = el.id ? `#${el.id}` : '';
    const testId = el.getAttribute('data-testid') ? `[data-testid="${el.getAttribute('data-testid')}"]` : '';
    return `${el.tagName.toLowerCase()}${id}${testId}`;
  });
}

/** The text of the console's polite or assertive live region right now. */
export function liveText(page: Page, politeness: 'polite' | 'assertive' = 'polite'): Promise<string> {
  return page.locator(`[data-testid="live-${politeness}"]`).textContent().then((t) => t ?? '');
}

/** Elements that stick out past the right edge of the window (deepest ones only), when the page scrolls sideways. */
export function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const box = el.getBoundingClientRect();
      if (box.right <= width + 0.5 || box.width === 0) continue;
      if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 0.5)) continue;
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)}px)`);
    }
    return out.slice(0, 8);
  });
}

/** Waits for focus to land on `selector`; the failure says where it is instead and how it got there. */
export async function expectFocus(page: Page, selector: string, what: string): Promise<void> {
  await expect
    .poll(() => focusedMatches(page, selector))
    .toBe(true)
    .catch(async () => {
      throw new Error(`${what}: focus should be on ${selector}, is on ${await describeFocus(page)}\n${await focusTrail(page)}`);
    });
}

/** Shift+F6 to the navigation, along it to `area`, Enter; focus must land on the area's heading. */
export async function openAreaByKeyboard(page: Page, area: string): Promise<void> {
  await page.keyboard.press('Shift+F6');
  await expectFocus(page, 'nav button', 'Shift+F6');
  const target = `nav button[data-area="${area}"]`;
  if (!(await focusedMatches(page, target))) await tabTo(page, target, { max: 8 }).catch(() => tabTo(page, target, { back: true, max: 16 }));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('main').getAttribute('data-area')).toBe(area);
  await expectFocus(page, '#area-title', `opening ${area}`);
}
