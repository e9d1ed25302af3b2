import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSshdTerminals, type SshdTerminals } from './support/sshd-terminals';

/** Generous: a healthy page answers in milliseconds; the unbounded renderer stayed stuck for minutes. */
const ANSWER_WITHIN_MS = 15_000;
const BIG = '2147483647';

/**
 * Control sequences that make xterm.js 6.0.0 loop once per count inside one synchronous parse, plus
 * the ones whose count only moves or fills within a line (kept here so a bound that breaks them shows).
 */
const PAYLOADS: Record<string, string> = {
  'repeat (REP)': 'A\x1b[999999999b',
  'scroll up (SU)': `\x1b[${BIG}S`,
  'scroll down (SD)': `\x1b[${BIG}T`,
  'insert lines (IL)': `\x1b[${BIG}L`,
  'delete lines (DL)': `\x1b[${BIG}M`,
  'forward tab (CHT)': `\x1b[${BIG}I`,
  'backward tab (CBT)': `\x1b[${BIG}Z`,
  'C1 CSI scroll up': `\u009b${BIG}S`,
  'sub-parameter repeat': `B\x1b[${BIG}:1b`,
  'insert/delete/erase characters, columns, cursor moves': `\x1b[${BIG}@\x1b[${BIG}P\x1b[${BIG}X\x1b[${BIG} @\x1b[${BIG} A\x1b[${BIG}'}\x1b[${BIG}'~\x1b[${BIG}C\x1b[${BIG}B\x1b[${BIG};${BIG}H`,
  // 65535 per sequence is what xterm caps REP at; 5,000 of them in one write still add up.
  'chained repeats at 65535': `C${'\x1b[65535b'.repeat(5000)}`,
  'chained scrolls at 65535': '\x1b[65535S'.repeat(5000),
  'one letter and 1,000,000 combining acute accents': `e${'\u0301'.repeat(1_000_000)}`,
};

describe('hostile output cannot freeze the console (real sshd, real renderer in Chromium)', () => {
  let w: SshdTerminals;
  let victim: string;
  let other: string;

  beforeAll(async () => {
    w = await startSshdTerminals();
    victim = await w.open('victim');
    other = await w.open('other');
    await w.h.page.locator(`#tab-${victim}`).click();
  });
  afterAll(async () => {
    await w?.close();
  });

  Object.entries(PAYLOADS).forEach(([name, content], i) => {
    it(`stays responsive after ${name}, other tabs work and later output shows`, async () => {
      const file = await w.payload(`payload-${i}.bin`, content);
      // The marker is printed by the shell after the payload; its echo on the command line reads `after\055…`.
      await w.run(victim, `clear; cat ${file}; printf '\\r\\nafter\\055payload\\055${i}\\r\\n'`);
      // The page must answer all along, not only once the payload is through.
      const deadline = Date.now() + 60_000;
      for (;;) {
        expect(await w.answers(ANSWER_WITHIN_MS), 'the page answers while the payload is processed').toBe(true);
        if ((await w.screen(victim)).includes(`after-payload-${i}`)) break;
        if (Date.now() > deadline) throw new Error('the text printed after the payload never appeared');
        await new Promise((r) => setTimeout(r, 100));
      }
      await w.run(other, `printf 'other\\055ok\\055${i}\\n'`);
      await expect.poll(() => w.screen(other), { timeout: 30_000 }).toContain(`other-ok-${i}`);
      await w.h.page.locator('nav button[data-area="settings"]').click();
      await expect.poll(() => w.h.page.locator('main').getAttribute('data-area'), { timeout: ANSWER_WITHIN_MS }).toBe('settings');
      await w.h.page.locator('nav button[data-area="terminals"]').click();
      await w.h.page.locator(`#tab-${victim}`).click();
    });
  });
});
