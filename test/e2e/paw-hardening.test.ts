/**
 * PAW hardening end to end, in Chromium with the real core: an enterprise policy file (theme fixed,
 * sessions closed on lock), sign-in through the Entra stand-in, the idle lock engaging and a fresh
 * sign-in unlocking it, the audit screen verifying the chain of everything that happened, and the
 * same screen naming the first broken line after the log file is edited behind the console's back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import { startHarness, type Harness } from './harness';
import { MemorySecretStore } from '../support/memory-secret-store';

describe('PAW hardening in Chromium', () => {
  let tls: StandInTls;
  let entra: EntraStandIn;
  let h: Harness;
  let systemBrowser: BrowserContext;
  let policyDir: string;
  let signIns = 0;
  // Long while the first tests drive the UI; the lock test shortens it to watch the lock engage.
  let idleMs = 3_600_000;

  beforeAll(async () => {
    tls = makeStandInTls();
    entra = await new EntraStandIn(tls).start();
    policyDir = mkdtempSync(path.join(tmpdir(), 'e2e-policy-'));
    const policyFile = path.join(policyDir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ schemaVersion: 1, settings: { theme: 'dark' }, lock: { sessionsOnLock: 'close', idleTimeoutMinutes: 30 } }));
    chmodSync(policyFile, 0o644);
    h = await startHarness({
      config: { auth: entra.authConfig({ keychainService: 'aksc-e2e-paw' }) },
      core: {
        extraCaPem: tls.caPem,
        secretStore: new MemorySecretStore(),
        policySources: { filePath: policyFile },
        idleTimeoutMs: () => idleMs,
        openBrowser: async (url) => {
          const page = await systemBrowser.newPage();
          await page.goto(url);
          await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
          await page.close();
          signIns++;
        },
      },
    });
    systemBrowser = await h.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  });

  afterAll(async () => {
    await systemBrowser?.close();
    await h?.close();
    await entra?.stop();
    rmSync(policyDir, { recursive: true, force: true });
  });

  it('enforces the policy: the fixed theme cannot be changed from Settings', async () => {
    const { page } = h;
    await page.locator('button[data-area="settings"]').click();
    await expect.poll(() => page.locator('input[name="theme"][value="dark"]').isChecked()).toBe(true);
    await page.locator('input[name="theme"][value="light"]').click();
    await expect.poll(() => page.getByTestId('error-text').textContent()).toMatch(/policy/i);
    expect(await page.locator('input[name="theme"][value="dark"]').isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await h.shot('paw-policy-enforced-theme');
  });

  it('locks after the idle time, refuses other requests while locked, and unlocks after a fresh sign-in', async () => {
    const { page } = h;
    await page.locator('button[data-area="signin"]').click();
    await page.getByTestId('signin-browser').click();
    await expect.poll(() => page.getByTestId('account-username').textContent(), { timeout: 30_000 }).toBe('ops.admin@contoso.com');
    const before = signIns;

    idleMs = 3000;
    await page.getByTestId('lock-overlay').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => document.getElementById('root')!.inert)).toBe(true);
    expect(h.core.lock.state()).toMatchObject({ locked: true, reason: 'idle', user: 'ops.admin@contoso.com', sessionsOnLock: 'close' });
    const refused = await page.evaluate(() => (window as unknown as { aksConsole: { invoke: Record<string, (r?: unknown) => Promise<unknown>> } }).aksConsole.invoke['audit.verify']!());
    expect(refused).toMatchObject({ ok: false, error: { code: 'lock.locked' } });
    await h.shot('paw-locked');

    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-overlay').waitFor({ state: 'detached', timeout: 30_000 });
    idleMs = 3_600_000;
    expect(signIns).toBe(before + 1);
    expect(h.core.lock.isLocked()).toBe(false);
  });

  it('locks on demand from the title bar', async () => {
    const { page } = h;
    await page.getByTestId('lock-now').click();
    await page.getByTestId('lock-overlay').waitFor();
    expect(h.core.lock.state().reason).toBe('manual');
    await page.getByTestId('lock-unlock').click();
    await page.getByTestId('lock-overlay').waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('shows the audit trail of the walk and verifies its chain', async () => {
    const { page } = h;
    await page.locator('button[data-area="audit"]').click();
    await page.getByTestId('audit-table').waitFor();
    const types = await page.locator('[data-testid="audit-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types).toEqual(expect.arrayContaining(['app.start', 'auth.sign-in', 'lock.engage', 'lock.release']));
    expect(types, 'the unlock sign-in is not a sign-out').not.toContain('auth.sign-out');
    await page.getByTestId('audit-filter-type').selectOption('lock.engage');
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr').count()).toBe(2);
    await page.getByTestId('audit-filter-type').selectOption('');
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').getAttribute('data-ok')).toBe('true');
    await h.shot('paw-audit-verified');
    await page.getByTestId('audit-export-csv').click();
    await page.getByTestId('audit-export').waitFor();
  });

  it('names the first broken line once a record is edited on disk', async () => {
    const { page } = h;
    const file = path.join(h.appDataDir, 'audit', 'audit-log.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const index = lines.findIndex((l) => l.includes('"lock.engage"'));
    lines[index] = lines[index]!.replace('"idle"', '"manual"');
    writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verify-result').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('audit-verify-result').textContent()).toContain(`${index + 1}`);
    await h.shot('paw-audit-tampered');
  });
});
