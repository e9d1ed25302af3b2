/**
 * Issue 25's keyboard walk, in en and ja, with the keyboard alone (no mouse, no scripted focus):
 * sign in, choose a path, Back, check the prerequisites, JIT, the production confirm, command
 * invoke, audit, settings, lock and unlock. After every action it asserts where focus landed
 * (never the page body), and that outcomes reach the live region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { seriousViolations } from './support/axe';
import { describeFocus, expectFocus, liveText, openAreaByKeyboard, sidewaysOverflow, tabTo } from './support/keyboard';

const TEXT = {
  en: { checks: /^Checks finished: \d+ passed/, invoke: /^(Command finished|The command could not run)/, unlocked: 'Console unlocked.' },
  ja: { checks: /^チェックが完了しました: 合格 \d+ 件/, invoke: /^(コマンドが終了コード|コマンドは終了コードなしで|コマンドを実行できませんでした)/, unlocked: 'コンソールのロックを解除しました。' },
} as const;

describe.each(['en', 'ja'] as const)('keyboard walk with focus and announcements (%s)', (language) => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;

  beforeAll(async () => {
    session = await startCloudSession(
      {
        scenario: 'private-hub-spoke-bastion',
        topology: false,
      },
      { language },
    );
    ({ cloud, h } = session);
  });
  afterAll(() => session?.close());

  const focusIs = (selector: string, what: string) => expectFocus(h.page, selector, what);
  const openArea = (area: string) => openAreaByKeyboard(h.page, area);

  it('does every task by keyboard, and focus always lands somewhere named', async () => {
    const { page } = h;
    // Sign-in: the account panel's heading replaces the button that was used.
    await tabTo(page, '[data-testid="signin-browser"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await focusIs('[data-testid="account-panel"] h2', 'sign-in');

    await openArea('clusters');
    await page.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await tabTo(page, `tr[data-cluster="${name}"] button`);
    await page.keyboard.press('Enter');
    await page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    expect(await describeFocus(page)).not.toBe('body');

    // Choosing a path: its heading. Back: the same path's button in the list.
    await tabTo(page, 'li[data-path="bastion-jumpbox"] button');
    await page.keyboard.press('Enter');
    await focusIs('[data-testid="path-view"] h2', 'choosing a path');
    await tabTo(page, '[data-testid="wizard-back"]', { back: true });
    await page.keyboard.press('Enter');
    await focusIs('li[data-path="bastion-jumpbox"] button', 'Back');
    await page.keyboard.press('Enter');
    await focusIs('[data-testid="path-view"] h2', 'choosing the path again');

    // Checks: focus stays on the button; the outcome is announced once the run ends.
    await tabTo(page, '[data-testid="run-checks"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => liveText(page), { timeout: 60_000 }).toMatch(TEXT[language].checks);
    await focusIs('[data-testid="run-checks"]', 'checking the prerequisites');

    // JIT: Escape and a granted request both return focus to the button that opened the dialog.
    await tabTo(page, '[data-testid="jit-open-dialog"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('jit-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('jit-dialog').count()).toBe(0);
    await focusIs('[data-testid="jit-open-dialog"]', 'closing the JIT dialog');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="jit-submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('jit-status').getAttribute('data-left').then(Number), { timeout: 30_000 }).toBeGreaterThan(0);
    await focusIs('[data-testid="jit-open-dialog"]', 'requesting JIT access');

    // Command invoke on a cluster marked production.
    await tabTo(page, '[data-testid="wizard-back"]', { back: true });
    await page.keyboard.press('Enter');
    await tabTo(page, 'li[data-path="command-invoke"] button');
    await page.keyboard.press('Enter');
    await focusIs('[data-testid="path-view"] h2', 'choosing command invoke');
    await tabTo(page, '[data-testid="production-mark"]');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="invoke-acknowledge"]');
    await page.keyboard.press('Enter');
    await focusIs('[data-testid="invoke-command"]', 'I understand');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('kubectl delete ns keyboard-walk');
    await tabTo(page, '[data-testid="invoke-run"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('invoke-destructive').waitFor();
    await focusIs('[data-testid="invoke-destructive-cancel"]', 'the production confirm');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null), 'Tab stays in the production confirm').toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('invoke-destructive').count()).toBe(0);
    await focusIs('[data-testid="invoke-run"]', 'Cancel on the production confirm');
    await tabTo(page, '[data-testid="invoke-command"]', { back: true });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('kubectl get nodes');
    await tabTo(page, '[data-testid="invoke-run"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => liveText(page), { timeout: 60_000 }).toMatch(TEXT[language].invoke);
    await focusIs('[data-testid="invoke-output"], [data-testid="invoke-command"]', 'Run');

    // The screens with Azure data reflow at 320 px (400% zoom) too, with axe clean.
    await page.setViewportSize({ width: 320, height: 640 });
    for (const area of ['wizard', 'checklist', 'audit', 'settings']) {
      await openArea(area);
      expect(await sidewaysOverflow(page), `${area} scrolls sideways at 320 px`).toEqual([]);
      expect(await seriousViolations(page), `${area} at 320 px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    // Lock from the title bar (F6 reaches it), unlock by signing in again: focus comes back.
    await page.keyboard.press('Shift+F6');
    await page.keyboard.press('Shift+F6');
    await focusIs('[data-testid="lock-now"]', 'Shift+F6 to the title bar');
    await page.keyboard.press('Enter');
    await page.getByTestId('lock-overlay').waitFor();
    await focusIs('[data-testid="lock-unlock"]', 'locking');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('lock-overlay').count(), { timeout: 30_000 }).toBe(0);
    await focusIs('[data-testid="lock-now"]', 'unlocking');
    await expect.poll(() => liveText(page)).toBe(TEXT[language].unlocked);
    await h.shot(`keyboard-walk-${language}`);
  });
});
