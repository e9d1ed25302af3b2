/**
 * The audit table at a narrow window (800 px, below the window's minimum width), in English and
 * Japanese: every column keeps room for words (no single character per line) and long resource ids
 * wrap inside their own cell. Screenshots: test-output/screens/audit-narrow-{en,ja}.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { MemorySecretStore } from '../support/memory-secret-store';

const RESOURCE_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-platform-prod-japaneast/providers/Microsoft.ContainerService/managedClusters/aks-prod-japaneast-001';

describe('audit table at 800 px', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ core: { secretStore: new MemorySecretStore() }, viewport: { width: 800, height: 700 } });
    await h.core.audit.record({ type: 'jit.request', outcome: 'denied', actor: 'operator.with.a.long.name@contoso.example', target: RESOURCE_ID, details: { reason: 'PolicyViolation', port: 22, durationMinutes: 180 } });
    await h.core.audit.record({ type: 'auth.sign-in', actor: 'operator@contoso.example', target: null, details: { tenant: '11111111-2222-3333-4444-555555555555' } });
  });

  afterAll(async () => {
    await h?.close();
  });

  it.each(['en', 'ja'] as const)('keeps every column readable in %s', async (language) => {
    const { page } = h;
    await page.evaluate((lang) => (window as unknown as { aksConsole: { invoke: Record<string, (r?: unknown) => Promise<unknown>> } }).aksConsole.invoke['settings.update']!({ language: lang }), language);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await page.locator('button[data-area="audit"]').click();
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid="audit-table"] tr[data-type="jit.request"]').scrollIntoViewIfNeeded();
    await h.shot(`audit-narrow-${language}`);
    const cells = await page.locator('[data-testid="audit-table"] td').evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
        return { text: el.textContent ?? '', contentWidth: el.clientWidth - padding, em: parseFloat(style.fontSize) };
      }),
    );
    // Room for whole words in every cell (a cell a few pixels wide is what broke words letter by letter).
    // The sequence column holds digits only and may be narrower.
    for (const cell of cells.filter((c) => !/^[#\d]+$/.test(c.text))) expect(cell.contentWidth, `cell "${cell.text.slice(0, 40)}"`).toBeGreaterThanOrEqual(3 * cell.em);
    // Every column is on screen: the row fits the frame instead of scrolling sideways.
    expect(await page.locator('.audit-screen .table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    const resourceCell = page.locator('[data-testid="audit-table"] td', { hasText: 'managedClusters' }).first();
    expect(await resourceCell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  });
});
