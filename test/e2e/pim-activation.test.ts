/**
 * Zero standing access, in Chromium with the real router and services: a reader's `kubectl delete
 * pod` through command invoke (run as the operator against the API server stand-in) is refused
 * with 403; the console names the role that would allow it and offers the operator's eligible
 * one; the operator activates it with a justification (PIM through the ARM stand-in), reruns the
 * command and it works. With time compressed in the stand-in, My access warns before the
 * activation ends. In English and Japanese; axe finds nothing serious on either screen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiServerStandin, type ApiServerStandIn } from '../standins/apiserver';
import { ageActivations, assignmentsOf, commandPodOn, makeEligible, MINIMUM_ACTIVE_MS, OPERATOR_IP, pimOf, startArmStandIn, type ArmStandIn } from '../standins/arm';
import { DEFAULT_IDS, directoryFromArm } from '../standins/entra/directory';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls } from '../standins/entra/standin-tls';
import { startHarness, type Harness } from './harness';
import { seriousViolations } from './support/axe';
import { MemorySecretStore } from '../support/memory-secret-store';

describe.each(['en', 'ja'] as const)('PIM activation from a 403 (%s)', (language) => {
  const tls = makeStandInTls();
  let arm: ArmStandIn;
  let api: ApiServerStandIn;
  let entra: EntraStandIn;
  let h: Harness;
  let systemBrowser: BrowserContext;
  let homeDir: string;
  const axe: Record<string, unknown[]> = {};

  beforeAll(async () => {
    const box: { api?: ApiServerStandIn } = {};
    arm = await startArmStandIn({
      scenario: 'private-hub-spoke-bastion',
      access: 'entra-azure-rbac',
      commandOutput: (command, cluster, files, token) => commandPodOn(box.api!, arm.world.meta.access!)(command, cluster, files, token),
    });
    entra = await new EntraStandIn(tls, directoryFromArm(arm.world.tenants, arm.world.subscriptions)).start();
    api = await startApiServerStandin({
      tenantId: arm.world.meta.tenantId,
      clusterId: arm.world.meta.clusterId,
      access: arm.world.meta.access!,
      entra: { issuer: entra.accessTokenIssuer(arm.world.meta.tenantId), jwksUrl: entra.jwksUrl(arm.world.meta.tenantId), ca: tls.caPem },
      roleAssignments: () => assignmentsOf(arm.world),
    });
    box.api = api;
    makeEligible(arm.world, DEFAULT_IDS.operatorOid, 'writer', { policy: { maxDuration: 'PT8H', justification: true } });
    // Time compressed: an hour's activation lasts 6 minutes, inside the 10-minute warning.
    pimOf(arm.world).durationScale = 0.1;
    homeDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-pim-home-'));
    h = await startHarness({
      language,
      config: { simulated: true, auth: entra.authConfig({ armEndpoint: arm.url }), azure: { egressIp: { method: 'fixed', value: OPERATOR_IP } } },
      core: {
        extraCaPem: [tls.caPem, arm.ca].join('\n'),
        secretStore: new MemorySecretStore(),
        connectivity: { homeDir },
        openBrowser: async (url) => {
          const page = await systemBrowser.newPage();
          await page.goto(url);
          await page.waitForURL(/^http:\/\/localhost:\d+\/$/);
          await page.close();
        },
      },
      viewport: { width: 1360, height: 900 },
    });
    systemBrowser = await h.context.browser()!.newContext({ ignoreHTTPSErrors: true });
  });
  afterAll(async () => {
    await systemBrowser?.close();
    await h?.close();
    await api?.stop();
    await arm?.stop();
    await entra?.stop();
    if (homeDir) await rm(homeDir, { recursive: true, force: true });
  });

  it('a reader\'s delete is refused; the console offers the eligible role; after activating it the rerun deletes the pod', async () => {
    await h.page.getByTestId('signin-browser').click();
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await h.page.locator('nav button[data-area="clusters"]').click();
    const name = arm.world.meta.clusterId.split('/').at(-1)!;
    await h.page.getByTestId('cluster-search').fill(name);
    await h.page.locator(`tr[data-cluster="${name}"] button`).click();
    await h.page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    await h.page.locator('li[data-path="command-invoke"] button').click();
    await h.page.getByTestId('invoke-acknowledge').click();
    const pod = api.state.list('pods', 'default')[0]!.metadata.name;
    await h.page.getByTestId('invoke-command').fill(`kubectl delete pod ${pod} -n default`);
    await h.page.getByTestId('invoke-run').click();
    await expect.poll(() => h.page.getByTestId('invoke-output').textContent(), { timeout: 60_000 }).toContain('is forbidden');
    const offer = h.page.getByTestId('pim-offer');
    await expect.poll(() => offer.textContent(), { timeout: 30_000 }).toContain(language === 'ja' ? 'aks-prod の Azure Kubernetes Service RBAC Writer の資格があります (最大 8 時間、理由が必要)' : 'You are eligible for Azure Kubernetes Service RBAC Writer on aks-prod (up to 8 h, justification required)');
    axe.offer = await seriousViolations(h.page);
    await h.shot(`pim-offer-${language}`);

    await h.page.getByTestId('pim-offer-activate').click();
    await h.page.getByTestId('pim-dialog').waitFor();
    expect(await h.page.getByTestId('pim-submit').isDisabled()).toBe(true);
    await h.page.getByTestId('pim-justification').fill(language === 'ja' ? '障害対応 INC-4711' : 'INC-4711 stuck pod');
    axe.dialog = await seriousViolations(h.page);
    await h.page.getByTestId('pim-submit').click();
    await expect.poll(() => h.page.getByTestId('pim-offer-done').textContent(), { timeout: 30_000 }).toContain(language === 'ja' ? 'アクティブです' : 'is active');
    expect(api.state.get('pods', 'default', pod)).toBeDefined();

    await h.page.getByTestId('invoke-run').click();
    await expect.poll(() => h.page.getByTestId('invoke-output').textContent(), { timeout: 60_000 }).toBe(`pod "${pod}" deleted\n`);
    expect(api.state.get('pods', 'default', pod)).toBeUndefined();
    await h.shot(`pim-rerun-${language}`);
  });

  it('My access shows the activation with time left and warns before it ends (time compressed); deactivate ends it', async () => {
    if ((await h.page.getByTestId('wizard-back').count()) > 0) await h.page.getByTestId('wizard-back').click();
    await h.page.locator('li[data-path="bastion-apiserver"] button').click();
    // Azure keeps an activation at least 5 minutes before it may be deactivated: let that time pass.
    ageActivations(arm.world, MINIMUM_ACTIVE_MS);
    const panel = h.page.getByTestId('my-access');
    await panel.locator('summary').click();
    await expect.poll(() => h.page.getByTestId('pim-expiring').textContent(), { timeout: 30_000 }).toContain('Azure Kubernetes Service RBAC Writer');
    axe.myAccess = await seriousViolations(h.page);
    await h.shot(`pim-my-access-${language}`);
    await h.page.getByTestId('pim-deactivate').click();
    await expect.poll(() => h.page.getByTestId('pim-notice').textContent(), { timeout: 30_000 }).toContain('Azure Kubernetes Service RBAC Writer');
    expect(pimOf(arm.world).active).toEqual([]);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    const everything = JSON.stringify(h.received);
    expect([...entra.issuedSecrets].filter((s) => s.length > 16 && everything.includes(s))).toEqual([]);
  });
});
