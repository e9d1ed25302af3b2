import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdTerminals, type SshdTerminals } from '../e2e/support/sshd-terminals';

/** The highest `tick N` on a screen (the slow streams overwrite one line with a counter). */
const lastTick = (text: string) => Math.max(-1, ...[...text.matchAll(/tick (\d+)/g)].map((m) => Number(m[1])));
const count = (text: string, word: string) => text.split(word).length - 1;

describe('a reloaded renderer takes over every session with its output (real sshd, real renderer in Chromium)', () => {
  let w: SshdTerminals;
  const slow: string[] = [];
  let full = '';

  beforeAll(async () => {
    w = await startSshdTerminals();
    for (let i = 0; i < 3; i++) slow.push(await w.open(`slow ${i}`));
    full = await w.open('full speed');
  });
  afterAll(async () => {
    await w?.close();
  });

  it('reattaches every session after a reload while they stream: old output once, new output after, streams resumed', async () => {
    for (const [i, id] of slow.entries()) {
      await w.run(id, `clear; printf 'before\\055reload\\055${i}\\n'; i=0; while :; do printf '\\rtick %d' $i; i=$((i+1)); sleep 0.05; done`);
    }
    // 20 MB at full speed: far more than flow control lets into the page, so the reload finds it paused.
    await w.run(full, `clear; printf 'before\\055reload\\055full\\n'; seq 1 3000000; printf 'done\\055full\\n'`);
    const ticks: number[] = [];
    for (const [i, id] of slow.entries()) {
      await expect.poll(() => w.screen(id), { timeout: 30_000 }).toContain(`before-reload-${i}`);
      await expect.poll(async () => lastTick(await w.screen(id)), { timeout: 30_000 }).toBeGreaterThan(0);
      ticks.push(lastTick(await w.screen(id)));
    }

    await w.h.page.reload();
    await w.h.page.locator('nav button[data-area="terminals"]').click();
    await expect.poll(() => w.h.page.getByTestId('terminal-tab').count(), { timeout: 30_000 }).toBe(4);
    for (const [i, id] of slow.entries()) {
      await expect.poll(() => w.screen(id), { timeout: 30_000 }).toContain(`before-reload-${i}`);
      // The stream goes on into the new page: a later tick than any seen before the reload.
      await expect.poll(async () => lastTick(await w.screen(id)), { timeout: 30_000 }).toBeGreaterThan(ticks[i]!);
      expect(count(await w.screen(id), `before-reload-${i}`)).toBe(1);
    }
    await expect.poll(() => w.screen(full), { timeout: 120_000 }).toContain('done-full');

    // Every tab closes from the UI and takes its connection with it: nothing leaked by the takeover.
    for (const label of ['slow 0', 'slow 1', 'slow 2', 'full speed']) {
      await w.h.page.getByTestId('terminal-tab').filter({ hasText: label }).click();
      await w.h.page.getByRole('button', { name: `Close ${label}` }).click();
    }
    await expect.poll(() => w.h.page.getByTestId('terminal-tab').count()).toBe(0);
    await expect.poll(() => w.sshdConnections(), { timeout: 30_000 }).toBe(0);
  });
});
