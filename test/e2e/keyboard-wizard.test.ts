/**
 * Keyboard only, start to end: sign in, pick the private cluster, open the Bastion path, check its
 * prerequisites, open a hop of the data-flow diagram, and request JIT access — with Tab, Enter,
 * Space and Escape alone, never the mouse. Focus must be visible on every stop that matters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { tabTo as tabToShared } from './support/keyboard';

describe('keyboard-only walk of the wizard', () => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;

  beforeAll(async () => {
    session = await startCloudSession(
      {
        scenario: 'private-hub-spoke-bastion',
        topology: false,
      },
      { language: 'en' },
    );
    ({ cloud, h } = session);
  });
  afterAll(() => session?.close());

  const tabTo = (selector: string) => tabToShared(h.page, selector);
  const focusVisible = () =>
    h.page.evaluate(() => {
      const el = document.activeElement as Element;
      const style = getComputedStyle(el instanceof SVGGElement ? (el.querySelector('rect') as Element) : el);
      return el instanceof SVGGElement ? style.strokeWidth === '4px' : style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
    });

  it('reaches every step with the keyboard alone', async () => {
    await h.page.getByTestId('signin-browser').waitFor();
    await tabTo('[data-testid="signin-browser"]');
    await h.page.keyboard.press('Enter');
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });

    await tabTo('nav button[data-area="clusters"]');
    expect(await focusVisible()).toBe(true);
    await h.page.keyboard.press('Enter');
    await h.page.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await tabTo(`tr[data-cluster="${name}"] button`);
    await h.page.keyboard.press('Enter');

    await h.page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    await tabTo('li[data-path="bastion-jumpbox"] button');
    expect(await focusVisible()).toBe(true);
    await h.page.keyboard.press('Enter');
    await h.page.getByTestId('path-view').waitFor();

    await tabTo('[data-testid="run-checks"]');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.locator('[data-testid="inline-checks"] [data-status="pending"]').count(), { timeout: 60_000 }).toBe(0);

    await h.page.evaluate(() => (document.querySelector('[data-testid="wizard-back"]') as HTMLElement).focus());
    await tabTo('[data-testid="flow-diagram"] [data-hop="bastion"]');
    expect(await focusVisible()).toBe(true);
    await h.page.keyboard.press(' ');
    await expect.poll(() => h.page.getByTestId('hop-details').getAttribute('data-hop')).toBe('bastion');
    await h.page.keyboard.press('Tab');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByTestId('hop-details').getAttribute('data-hop')).not.toBe('bastion');

    await tabTo('[data-testid="jit-open-dialog"]');
    await h.page.keyboard.press('Enter');
    await h.page.getByTestId('jit-dialog').waitFor();
    expect(await h.page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => h.page.getByTestId('jit-dialog').count()).toBe(0);
    await tabTo('[data-testid="jit-open-dialog"]');
    await h.page.keyboard.press('Enter');
    await tabTo('[data-testid="jit-submit"]');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByTestId('jit-status').getAttribute('data-left').then(Number), { timeout: 30_000 }).toBeGreaterThan(0);
    await h.shot('keyboard-wizard-en');
  });
});
