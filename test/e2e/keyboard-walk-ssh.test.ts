/**
 * Issue 25's keyboard walk, the tasks that need the real topology (slot 0, as walk.test.ts): in en
 * and ja, by keyboard alone (no mouse, no scripted focus), import the jump box's key, request JIT
 * access short enough that the warning before its end is shown and announced, extend it from the
 * warning, open an SSH terminal to the jump box (focus lands in it), run a command, leave with F6,
 * and open a Bastion tunnel to the API server (focus lands on its state line). After every action
 * it asserts where focus landed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { seriousViolations } from './support/axe';
import { expectFocus, focusedMatches, liveText, openAreaByKeyboard, tabTo } from './support/keyboard';

const TERMINAL_INPUT = '.terminal-mount textarea';
const TEXT = {
  en: { jitWarning: /^Just-In-Time access ends in \d+:\d\d\. / },
  ja: { jitWarning: /^Just-In-Time アクセスはあと \d+:\d\d で終了します。/ },
} as const;

describe.each(['en', 'ja'] as const)('keyboard walk through the jump box and a tunnel (%s)', (language) => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;

  beforeAll(async () => {
    session = await startCloudSession(
      {
        scenario: 'private-hub-spoke-bastion',
        slot: 0,
      },
      { language },
    );
    ({ cloud, h } = session);
  });
  afterAll(() => session?.close());

  const focusIs = (selector: string, what: string) => expectFocus(h.page, selector, what);
  /** Tab forward to `selector`, or back when it lies behind focus. */
  const reach = (selector: string) => tabTo(h.page, selector, { max: 40 }).catch(() => tabTo(h.page, selector, { back: true, max: 80 }));
  const openArea = (area: string) => openAreaByKeyboard(h.page, area);
  /** From the path list (or a path view, through Back), opens `pathId`; focus lands on its heading. */
  const openPath = async (pathId: string) => {
    if ((await h.page.getByTestId('wizard-back').count()) > 0) {
      await reach('[data-testid="wizard-back"]');
      await h.page.keyboard.press('Enter');
      await focusIs('[data-testid="path-list"] button', 'Back');
    }
    await reach(`li[data-path="${pathId}"] button`);
    await h.page.keyboard.press('Enter');
    await h.page.locator(`[data-testid="path-view"][data-path="${pathId}"]`).waitFor();
    await focusIs('[data-testid="path-view"] h2', `choosing ${pathId}`);
  };
  /** In the open JIT dialog: `minutes` typed into the duration, then the request; focus must leave the dialog for `returnsTo`. */
  const requestJit = async (minutes: number, returnsTo: string, what: string) => {
    const { page } = h;
    await page.getByTestId('jit-dialog').waitFor();
    await tabTo(page, '[data-testid="jit-minutes"]', { max: 4 });
    await page.keyboard.press('Control+a');
    await page.keyboard.type(String(minutes));
    await tabTo(page, '[data-testid="jit-submit"]', { max: 12 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('jit-dialog').count(), { timeout: 30_000 }).toBe(0);
    await focusIs(returnsTo, what);
  };

  it('imports the key, requests JIT with its warning, opens a terminal and a tunnel, by keyboard alone', async () => {
    const { page } = h;
    const topology = cloud.topology;
    if (!topology) throw new Error('the namespace topology is required for this walk (run as root)');

    // Sign-in: the account panel's heading replaces the button that was used.
    await tabTo(page, '[data-testid="signin-browser"]');
    await page.keyboard.press('Enter');
    await page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await focusIs('[data-testid="account-panel"] h2', 'sign-in');

    // The jump box's key, imported on the Terminals screen (pasted, as an operator would).
    await openArea('terminals');
    await reach('section[aria-labelledby="ssh-keys-title"] summary');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('jump box key');
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.panel textarea')).toBe(true);
    await page.keyboard.insertText(topology.clientPrivateKey);
    await tabTo(page, '.panel form button[type="submit"]', { max: 4 });
    await page.keyboard.press('Enter');
    await page.getByTestId('ssh-keys').waitFor({ timeout: 30_000 });
    // The used button is disabled by the emptied form: focus goes to the heading, not the body.
    await focusIs('#area-title', 'importing a key');

    // The cluster and its Bastion-to-jump-box path.
    await openArea('clusters');
    await page.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await tabTo(page, `tr[data-cluster="${name}"] button`);
    await page.keyboard.press('Enter');
    await page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    await openPath('bastion-jumpbox');

    // JIT for five minutes (the API's shortest): the warning before the end is shown and announced.
    await reach('[data-testid="jit-open-dialog"]');
    await page.keyboard.press('Enter');
    await requestJit(5, '[data-testid="jit-open-dialog"]', 'requesting five minutes of JIT access');
    await page.getByTestId('jit-warning').waitFor();
    await expect.poll(() => liveText(page)).toMatch(TEXT[language].jitWarning);
    // Its one action asks for more time; once granted, the warning goes and focus lands on the request button.
    await reach('[data-testid="jit-extend"]');
    await page.keyboard.press('Enter');
    await requestJit(60, '[data-testid="jit-open-dialog"]', 'requesting more time from the warning');
    expect(await page.getByTestId('jit-warning').count()).toBe(0);
    expect(Number(await page.getByTestId('jit-status').getAttribute('data-left'))).toBeGreaterThan(300);

    // The terminal: user name, the imported key (arrow keys on the list), Open; focus lands in it.
    await reach('[data-testid="jump-username"]');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(topology.jumpBox.user);
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '[data-testid="jump-key"]')).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('jump-key').inputValue()).toMatch(/^key:/);
    await reach('[data-testid="open-terminal"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('main').getAttribute('data-area'), { timeout: 60_000 }).toBe('terminals');
    await expect.poll(() => page.getByTestId('terminal-status').first().getAttribute('data-state'), { timeout: 60_000 }).toBe('open');
    await focusIs(TERMINAL_INPUT, 'opening the terminal');
    await page.keyboard.type('echo kbd-$((6*7)) && hostname\n');
    await expect.poll(() => page.locator('.terminal-mount .xterm-rows').first().innerText(), { timeout: 30_000 }).toContain('kbd-42');
    // Out with F6: to the next region that has a control (the status line's, or the title bar's Lock).
    await page.keyboard.press('F6');
    await focusIs('.status-area button, [data-testid="lock-now"]', 'F6 out of the terminal');
    // And back in: F6 along the regions to the main one's heading, then Tab into the terminal.
    for (let i = 0; i < 3 && !(await focusedMatches(page, '#area-title')); i++) await page.keyboard.press('F6');
    await focusIs('#area-title', 'F6 to the main region');
    await reach(TERMINAL_INPUT);
    await page.keyboard.type('echo back-$((6*7))\n');
    await expect.poll(() => page.locator('.terminal-mount .xterm-rows').first().innerText(), { timeout: 30_000 }).toContain('back-42');
    await page.keyboard.press('Shift+F6');
    await focusIs('nav button[aria-current="page"][data-area="terminals"]', 'Shift+F6 out of the terminal');
    expect(await seriousViolations(page)).toEqual([]);
    await focusIs('nav button[aria-current="page"][data-area="terminals"]', 'after the accessibility check');

    // The Bastion tunnel to the API server: the open button is disabled, focus lands on the state line.
    await tabTo(page, 'nav button[data-area="wizard"]', { back: true, max: 8 }).catch(() => tabTo(page, 'nav button[data-area="wizard"]', { max: 8 }));
    await page.keyboard.press('Enter');
    await focusIs('#area-title', 'opening the wizard');
    await openPath('bastion-apiserver');
    await reach('[data-testid="open-tunnel"]');
    await page.keyboard.press('Enter');
    await focusIs('[data-testid="tunnel-state"]', 'opening the tunnel');
    await expect.poll(() => page.getByTestId('tunnel-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await focusIs('[data-testid="tunnel-state"]', 'the tunnel being ready');
    expect(await seriousViolations(page)).toEqual([]);
    await h.shot(`keyboard-walk-ssh-${language}`);
  });
});
