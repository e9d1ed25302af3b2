/** Runs axe on the current page and returns the serious and critical violations, described. */
import { AxeBuilder } from '@axe-core/playwright';
import type { JSHandle, Page } from 'playwright-core';
import { focusTrail } from './keyboard';

/** One violation, compact enough to read in a failed assertion. */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string;
  readonly targets: string[];
  readonly summary: string;
}

/**
 * axe finishes its run in a blank page it opens and closes beside the page under test, which can
 * leave the page's keyboard focus (and where Tab starts from) elsewhere. A keyboard walk checks axe
 * between key presses, so the page is brought back to the front with focus where it was; a move is
 * reported with the page's focus trail, never silently.
 */
async function keepFocusWhereItWas(page: Page, focused: JSHandle<Element | null>): Promise<void> {
  await page.bringToFront();
  const moved = await page.evaluate((before) => {
    const now = document.activeElement;
    if (now === before || !(before instanceof HTMLElement) || !before.isConnected) return null;
    before.focus();
    return `${now?.tagName.toLowerCase() ?? 'nothing'} instead of ${before.tagName.toLowerCase()}${before.id ? `#${before.id}` : ''}`;
  }, focused);
  await focused.dispose();
  if (moved) console.warn(`focus moved during the axe run (${moved}); put back.\n${await focusTrail(page)}`);
}

/** Serious and critical violations on the page (WCAG 2.x A/AA and best practices). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const focused = await page.evaluateHandle(() => document.activeElement);
  const results = await new AxeBuilder({ page } as unknown as ConstructorParameters<typeof AxeBuilder>[0])
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  await keepFocusWhereItWas(page, focused);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' ') ?? v.help,
    }));
}
