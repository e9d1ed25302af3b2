/**
 * Zero standing access, in Chromium with the real router and services, the simulated cloud with a
 * managed-Entra + Azure RBAC cluster and (as root) the namespace topology: a reader's
 * `kubectl delete pod` typed in the kubectl terminal (the real kubectl, through the Bastion tunnel,
 * authenticated by the console's helper) is refused with 403; main sees the 403 in the terminal's
 * output and the console offers, beside the terminal, the operator's eligible role that grants it;
 * the operator activates it with a justification (PIM through the ARM stand-in), reruns the command
 * in the terminal and it works. With time compressed in the stand-in, My access warns before the
 * activation ends; deactivate ends it. In English and Japanese; axe finds nothing serious or
 * critical; no token reaches the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import { ageActivations, makeEligible, MINIMUM_ACTIVE_MS, pimOf } from '../standins/arm';
import { DEFAULT_IDS } from '../standins/entra/directory';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { seriousViolations } from './support/axe';

/** This engineer's slot: the file configures the spoke's API server for its Entra cluster. */
const SLOT = 6;

describe.each(['en', 'ja'] as const)('PIM activation from a 403 in the kubectl terminal (%s)', (language) => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;
  const axe: Record<string, unknown[]> = {};

  beforeAll(async () => {
    session = await startCloudSession({ slot: SLOT, topology: true, access: 'entra-azure-rbac', kubectl: true }, { language, viewport: { width: 1360, height: 900 } });
    ({ cloud, h } = session);
    makeEligible(cloud.arm.world, DEFAULT_IDS.operatorOid, 'writer', { policy: { maxDuration: 'PT8H', justification: true } });
    // Time compressed: an hour's activation lasts 6 minutes, inside the 10-minute warning.
    pimOf(cloud.arm.world).durationScale = 0.1;
  });
  afterAll(() => session?.close());

  const nav = async (area: string) => {
    await h.page.locator(`nav button[data-area="${area}"]`).click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe(area);
  };
  const rows = () => h.page.locator('.terminal-mount .xterm-rows').first().innerText();
  const type = async (text: string) => {
    await h.page.locator('.terminal-mount textarea').first().focus();
    await h.page.keyboard.type(text);
  };
  let pod = '';
  /** Clusters → the scenario's cluster → Bastion straight to the API server. */
  const openApiServerPath = async () => {
    await nav('clusters');
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await h.page.getByTestId('cluster-search').fill(name);
    await h.page.locator(`tr[data-cluster="${name}"] button`).click();
    await h.page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    await h.page.locator('li[data-path="bastion-apiserver"] button').click();
  };

  it('a reader\'s kubectl delete in the kubectl terminal is refused; beside the terminal the console offers the eligible role', async () => {
    await h.page.getByTestId('signin-browser').click();
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await openApiServerPath();
    await h.page.getByTestId('open-tunnel').click();
    await expect.poll(() => h.page.getByTestId('tunnel-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    await h.page.getByTestId('open-kubectl-terminal').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area'), { timeout: 60_000 }).toBe('terminals');
    await expect.poll(() => h.page.getByTestId('terminal-status').first().getAttribute('data-state'), { timeout: 60_000 }).toBe('open');

    await type('kubectl get pods -n default -o name\n');
    await expect.poll(rows, { timeout: 60_000 }).toMatch(/pod\/\S+/);
    pod = /pod\/(\S+)/.exec(await rows())![1]!;
    expect(await h.page.getByTestId('pim-offer').count()).toBe(0);
    await type(`kubectl delete pod ${pod} -n default\n`);
    await expect.poll(rows, { timeout: 60_000 }).toContain('is forbidden');
    const offer = h.page.getByTestId('pim-offer');
    await expect.poll(() => offer.textContent(), { timeout: 30_000 }).toContain(
      language === 'ja' ? 'aks-prod の Azure Kubernetes Service RBAC Writer の資格があります (最大 8 時間、理由が必要)' : 'You are eligible for Azure Kubernetes Service RBAC Writer on aks-prod (up to 8 h, justification required)',
    );
    expect(await offer.textContent()).toContain(language === 'ja' ? 'pods に対する delete を拒否しました' : 'refused to delete pods');
    axe.offer = await seriousViolations(h.page);
    await h.shot(`pim-terminal-offer-${language}`);
  });

  it('the operator activates the role with a justification, reruns the command in the terminal, and the pod is deleted', async () => {
    await h.page.getByTestId('pim-offer-activate').click();
    await h.page.getByTestId('pim-dialog').waitFor();
    expect(await h.page.getByTestId('pim-submit').isDisabled()).toBe(true);
    await h.page.getByTestId('pim-justification').fill(language === 'ja' ? '障害対応 INC-4711' : 'INC-4711 stuck pod');
    axe.dialog = await seriousViolations(h.page);
    await h.page.getByTestId('pim-submit').click();
    await expect.poll(() => h.page.getByTestId('pim-offer-done').textContent(), { timeout: 30_000 }).toContain(language === 'ja' ? 'アクティブです' : 'is active');
    // Azure RBAC reaches the spoke's API server (the topology's, configured from the ARM world).
    cloud.syncApiServer();

    // Rerun: the shell's history, as an operator would.
    await h.page.locator('.terminal-mount textarea').first().focus();
    await h.page.keyboard.press('ArrowUp');
    await h.page.keyboard.press('Enter');
    await expect.poll(rows, { timeout: 60_000 }).toContain(`pod "${pod}" deleted`);
    const { records } = await h.core.audit.list({ types: ['pim.activate'] });
    expect(records.filter((r) => r.outcome === 'success').length).toBe(1);
    await h.shot(`pim-terminal-rerun-${language}`);
  });

  it('My access shows the activation with time left and warns before it ends (time compressed); deactivate ends it and kubectl is refused again', async () => {
    await openApiServerPath();
    // Azure keeps an activation at least 5 minutes before it may be deactivated: let that time pass.
    ageActivations(cloud.arm.world, MINIMUM_ACTIVE_MS);
    const panel = h.page.getByTestId('my-access');
    await panel.locator('summary').click();
    await expect.poll(() => h.page.getByTestId('pim-expiring').textContent(), { timeout: 30_000 }).toContain('Azure Kubernetes Service RBAC Writer');
    axe.myAccess = await seriousViolations(h.page);
    await h.shot(`pim-my-access-${language}`);
    await h.page.getByTestId('pim-deactivate').click();
    await expect.poll(() => h.page.getByTestId('pim-notice').textContent(), { timeout: 30_000 }).toContain('Azure Kubernetes Service RBAC Writer');
    expect(pimOf(cloud.arm.world).active).toEqual([]);
    // Back in the terminal, the API server refuses the verb again.
    cloud.syncApiServer();
    await nav('terminals');
    await type('kubectl auth can-i delete pods -n default\n');
    await expect.poll(rows, { timeout: 60_000 }).toMatch(/^no\s*$/m);
  });

  it('had no serious or critical axe violation on any screen, and never sent a token to the window', () => {
    expect(Object.keys(axe)).toEqual(['offer', 'dialog', 'myAccess']);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    const everything = JSON.stringify(h.received);
    expect([...cloud.entra.issuedSecrets].filter((s) => s.length > 16 && everything.includes(s))).toEqual([]);
    expect(everything).toContain('pim.terminalForbidden');
  });
});
