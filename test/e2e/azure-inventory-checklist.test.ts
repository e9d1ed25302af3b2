/**
 * The Azure layer end to end: sign in against the Entra stand-in, see the inventory from several
 * subscriptions of the ARM stand-in with access badges, open a private cluster, read the ranked
 * paths with their reasons, run the checklist on a broken scenario (the hub VNet is not linked to
 * the private DNS zone) and see the failing check with its remediation; then link the zone in the
 * stand-in, re-run only that check from its row and see it pass. Screenshots per language.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../src-main/services/secrets/keytar-secret-store';
import { DEFAULT_IDS } from '../standins/entra/directory';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import { startArmStandIn, type ArmStandIn } from '../standins/arm';
import { zoneLink } from '../standins/arm/builders';
import en from '../../src-renderer/features/checklist/locales/en.json';
import ja from '../../src-renderer/features/checklist/locales/ja.json';
import { startHarness, type Harness } from './harness';
import { englishSentences } from '../support/english-text';

/** The page's words outside verbatim commands, code and labelled untranslated originals, one text node per segment. */
async function shownWords(h: Harness): Promise<string> {
  return h.page.evaluate(() => {
    const root = document.body.cloneNode(true) as HTMLElement;
    for (const e of root.querySelectorAll('pre, code, script, style, [data-untranslated-original], [lang="en"], details.equivalent, .command-box')) e.remove();
    const parts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) parts.push(n.textContent.trim());
    return parts.join(' | ');
  });
}

describe.each(['en', 'ja'] as const)('inventory → paths → checklist in Chromium (%s)', (language) => {
  let tls: StandInTls;
  let entra: EntraStandIn;
  let arm: ArmStandIn;
  let h: Harness;
  let systemBrowser: BrowserContext;

  beforeAll(async () => {
    tls = makeStandInTls();
    entra = await new EntraStandIn(tls).start();
    arm = await startArmStandIn({
      scenario: 'broken-dns-link-missing',
      tenantId: DEFAULT_IDS.contosoTenant,
      platformSubscription: { id: DEFAULT_IDS.prodSubscription, displayName: 'contoso-prod' },
      fleet: { subscriptions: 2, clustersPerSubscription: 3 },
      faults: { lroRetryAfterSeconds: 0 },
    });
    const service = `aksc-e2e-${randomUUID()}`;
    h = await startHarness({
      language,
      config: {
        auth: entra.authConfig({ keychainService: service, armEndpoint: arm.url }),
        azure: { pollIntervalMs: 50, egressIp: { method: 'fixed', value: arm.world.meta.operatorIp } },
      },
      core: {
        extraCaPem: `${tls.caPem}\n${arm.ca}`,
        secretStore: new KeytarSecretStore(service),
        openBrowser: async (url) => {
          const page = await systemBrowser.newPage();
          await page.goto(url);
          await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
          await page.close();
        },
      },
    });
    systemBrowser = await h.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  });

  afterAll(async () => {
    await systemBrowser?.close();
    await h?.close();
    await arm?.stop();
    await entra?.stop();
  });

  it('shows the fleet with badges, ranks paths with reasons, and catches the missing DNS link', async () => {
    const { page } = h;
    await page.getByTestId('signin-browser').click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');

    await page.locator('nav button[data-area="clusters"]').click();
    const table = page.getByTestId('cluster-table');
    await table.waitFor({ timeout: 30_000 });
    const text = (await table.textContent()) ?? '';
    for (const subscription of ['contoso-prod', 'Team 001', 'Team 002']) expect(text).toContain(subscription);
    expect(await table.locator('tbody tr').count()).toBe(7);
    const prod = table.locator('tr[data-cluster="aks-prod"]');
    expect(await prod.locator('.badge-private').count()).toBe(1);
    expect(await table.locator('.badge-authorized-ips').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('inventory-status').textContent()).toMatch(/\d/);
    await h.shot(`azure-inventory-${language}`);
    if (language === 'ja') expect(englishSentences(await shownWords(h))).toEqual([]);

    await prod.locator('button').click();
    const bastionPath = page.locator('[data-testid="path-list"] li[data-path="bastion-jumpbox"]');
    await bastionPath.waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="path-list"] li[data-path]').count()).toBe(11);
    expect(await bastionPath.getAttribute('class')).toContain('availability-available-after-fix');
    const reasons = (await bastionPath.textContent()) ?? '';
    expect(reasons).toContain('bas-hub');
    expect(reasons).toContain('vm-jump');
    expect(reasons).toContain('vnet-hub');
    if (language === 'en') expect(reasons).toContain('Standard');
    await h.shot(`azure-paths-${language}`);
    // The same reading finds English sentences on the English screen, so an empty list in ja means something.
    if (language === 'ja') expect(englishSentences(await shownWords(h))).toEqual([]);
    else expect(englishSentences(await shownWords(h)).length).toBeGreaterThan(3);

    await bastionPath.locator('button').click();
    await page.getByTestId('run-checks').click();
    const failing = page.locator('[data-testid="inline-checks"] li[data-check="private-dns-link"]');
    await expect.poll(() => failing.getAttribute('data-status'), { timeout: 30_000 }).toBe('fail');
    const rows = page.locator('[data-testid="inline-checks"] li[data-check]');
    const settled = '[data-status="pass"],[data-status="warn"],[data-status="fail"],[data-status="skip"],[data-status="error"]';
    await expect.poll(async () => (await rows.count()) - (await page.locator(`[data-testid="inline-checks"] li[data-check]:is(${settled})`).count()), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('[data-testid="inline-checks"] li[data-status="fail"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-check')))).toEqual(['private-dns-link']);
    expect(await page.locator('[data-testid="inline-checks"] li[data-status="error"]').count()).toBe(0);
    await h.shot(`azure-inline-checks-${language}`);

    await page.locator('nav button[data-area="checklist"]').click();
    await page.getByTestId('checklist').waitFor();
    await expect.poll(async () => (await page.getByTestId('checklist').textContent()) ?? '', { timeout: 30_000 }).toContain('vnet-hub');
    const row = page.getByTestId('checklist').locator('li', { hasText: 'privatelink.japaneast.azmk8s.io' }).first();
    await row.locator('summary').first().click().catch(() => undefined);
    await expect.poll(async () => (await page.getByTestId('checklist').textContent()) ?? '').toContain('az network private-dns link vnet create');
    await h.shot(`azure-checklist-failing-${language}`);
    if (language === 'ja') expect(englishSentences(await shownWords(h))).toEqual([]);
    // Every check is coded now: nothing on the checklist falls back to main's English, not even inside the labelled disclosure.
    if (language === 'ja') expect(await page.locator('[data-testid="checklist"] [data-untranslated-original]').count()).toBe(0);

    await page.getByRole('button', { name: (language === 'ja' ? ja : en).checklist.exportMarkdown }).click();
    const exported = (await page.locator('[data-testid="checklist-export"] pre').textContent()) ?? '';
    expect(exported).toContain('az network private-dns link vnet create');
    if (language === 'ja') {
      expect(exported.startsWith(`# ${ja.checklist.exportLabels.heading}\n`)).toBe(true);
      expect(englishSentences(exported.replace(/```sh\n[\s\S]*?\n```/g, ' ').replace(/<https?:[^>]+>/g, ' '))).toEqual([]);
    }

    const received = JSON.stringify(h.received);
    expect(received).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
  });

  it('after the DNS link is made in Azure, re-runs only that check from its row and it passes', async () => {
    const { page } = h;
    const checklist = page.getByTestId('checklist');
    const statuses = () => checklist.locator('li[data-check]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-check'), e.getAttribute('data-status')])));
    const before = await statuses();
    expect(before['private-dns-link']).toBe('fail');
    const row = checklist.locator('li[data-check="private-dns-link"]');
    if (language === 'ja') {
      expect(await row.locator('.check-title').textContent()).toBe(ja.checklist.checkTitles['private-dns-link']);
      expect(await page.getByTestId('evidence-language-note').count()).toBe(1);
    }

    const { meta } = arm.world;
    arm.mutate((w) => zoneLink(w, w.get(meta.zoneId!)!, 'link-vnet-hub', meta.hubVnetId!));
    const mark = h.received.length;
    const title = (await row.locator('.check-title').textContent()) ?? '';
    const named = (language === 'ja' ? ja : en).checklist.rerunCheckNamed.replace('{{title}}', title);
    const button = row.getByRole('button', { name: named, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('pass');
    await expect.poll(() => h.received.slice(mark).some((m) => m.name === 'checklist.finished'), { timeout: 30_000 }).toBe(true);

    const after = h.received.slice(mark);
    const results = after.filter((m) => m.kind === 'event' && m.name === 'checklist.result').map((m) => (m.payload as { result: { checkId: string; status: string } }).result);
    expect(results).toEqual([expect.objectContaining({ checkId: 'private-dns-link', status: 'pass' })]);
    expect(after.find((m) => m.name === 'checklist.finished')?.payload).toMatchObject({ state: 'completed', summary: { fail: 0 } });
    expect(await statuses()).toEqual({ ...before, 'private-dns-link': 'pass' });
    await h.shot(`azure-checklist-rerun-one-${language}`);
  });

  it('compares the private key that main\'s dialog picks (the renderer never names it) when all checks run again', async () => {
    const { page } = h;
    const checklist = page.getByTestId('checklist');
    const keyRow = checklist.locator('li[data-check="ssh-key-placement"]');
    expect(await keyRow.getAttribute('data-status')).toBe('skip');
    // The harness's dialog stand-in picks <appData>/picked/private-key: a key the VM does not know.
    const picked = path.join(h.appDataDir, 'picked', 'private-key');
    await mkdir(path.dirname(picked), { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', picked]);
    await page.getByTestId('checklist-key-choice').selectOption('pick');
    await page.getByTestId('checklist-rerun').click();
    await expect.poll(() => keyRow.getAttribute('data-status'), { timeout: 30_000 }).toBe('fail');
    await keyRow.locator('summary').first().click().catch(() => undefined);
    await expect.poll(async () => (await keyRow.textContent()) ?? '').toContain(picked);
    const runs = h.received.filter((m) => m.kind === 'response' && m.name === 'checklist.run');
    expect(JSON.stringify(runs)).not.toContain('privateKeyPath');
    await h.shot(`azure-checklist-key-pick-${language}`);
  });
});
