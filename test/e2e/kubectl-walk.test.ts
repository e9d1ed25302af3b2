/**
 * The walk through the API server's door, in Chromium with the real router and services behind it,
 * the simulated cloud with a managed-Entra + Azure RBAC cluster and (as root) the namespace topology:
 * sign in → pick the private cluster → Bastion straight to the API server → the API server hop
 * shows TLS for the private name, "authenticated as <upn>" and the can-i matrix → a kubectl
 * terminal tab in which the real kubectl, authenticated by the console's own helper, lists the
 * scenario's pods. In English and Japanese; axe finds nothing serious or critical; no token reaches
 * the window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { seriousViolations } from './support/axe';

/** This engineer's slot: the walk configures the spoke's API server for its Entra cluster. */
const SLOT = 14;

describe.each(['en', 'ja'] as const)('kubectl walk through the API server hop (%s)', (language) => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;
  const axe: Record<string, unknown[]> = {};

  beforeAll(async () => {
    session = await startCloudSession(
      {
        slot: SLOT,
        topology: true,
        access: 'entra-azure-rbac',
        kubectl: true,
      },
      { language, viewport: { width: 1360, height: 900 } },
    );
    ({ cloud, h } = session);
  });
  afterAll(() => session?.close());

  const nav = async (area: string) => {
    await h.page.locator(`nav button[data-area="${area}"]`).click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe(area);
  };
  const screen = async (name: string) => {
    axe[name] = await seriousViolations(h.page);
    await h.shot(`kubectl-walk-${name}-${language}`);
  };

  it('signs in and opens a Bastion tunnel straight to the private cluster\'s API server', async () => {
    await h.page.getByTestId('signin-browser').click();
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await nav('clusters');
    await h.page.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await h.page.getByTestId('cluster-search').fill(name);
    await h.page.locator(`tr[data-cluster="${name}"] button`).click();
    await h.page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    await h.page.locator('li[data-path="bastion-apiserver"] button').click();
    await h.page.locator('[data-testid="path-view"][data-path="bastion-apiserver"]').waitFor();
    await h.page.getByTestId('open-tunnel').click();
    await expect.poll(() => h.page.getByTestId('tunnel-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
  });

  it('the API server hop shows TLS for the private name, who the operator is and what they may do, with the granting Azure role', async () => {
    const hop = h.page.getByTestId('api-hop');
    await hop.getByTestId('api-hop-identity').waitFor({ timeout: 60_000 });
    const upn = (await h.core.auth.status()).account!.username;
    expect(await hop.getByTestId('api-hop-identity').getAttribute('data-username')).toBe(upn);
    expect(await hop.getByTestId('api-hop-identity').textContent()).toBe(language === 'ja' ? `${upn} として認証済み` : `Authenticated as ${upn}`);
    expect(await hop.getByTestId('api-hop-tls').textContent()).toContain(cloud.topology!.apiServer.fqdn);
    const allowed = async (check: string) => hop.locator(`tr[data-check="${check}"]`).getAttribute('data-allowed');
    expect(await allowed('list-pods')).toBe('true');
    expect(await allowed('read-logs')).toBe('true');
    expect(await allowed('delete-pods')).toBe('false');
    expect(await hop.locator('tr[data-check="list-pods"]').textContent()).toContain('Azure Kubernetes Service RBAC Reader');
    await hop.scrollIntoViewIfNeeded();
    await screen('api-hop');

    await hop.getByTestId('api-hop-namespace').fill('payments');
    await hop.getByTestId('api-hop-check').click();
    await expect.poll(() => hop.locator('caption').textContent(), { timeout: 30_000 }).toContain('payments');
  });

  it('ends in a kubectl terminal tab where kubectl get pods -A lists the scenario\'s pods, as the operator', async () => {
    await h.page.getByTestId('open-kubectl-terminal').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area'), { timeout: 60_000 }).toBe('terminals');
    await expect.poll(() => h.page.getByTestId('terminal-status').first().getAttribute('data-state'), { timeout: 60_000 }).toBe('open');
    await h.page.locator('.terminal-mount textarea').first().focus();
    await h.page.keyboard.type('kubectl get pods -A && kubectl auth whoami\n');
    const rows = () => h.page.locator('.terminal-mount .xterm-rows').first().innerText();
    await expect.poll(rows, { timeout: 60_000 }).toMatch(/payments\s+payments-api-\S+\s+1\/1\s+Running/);
    const upn = (await h.core.auth.status()).account!.username;
    await expect.poll(rows, { timeout: 30_000 }).toContain(upn);
    await screen('kubectl-terminal');
    const { records } = await h.core.audit.list({ types: ['kubectl.token'] });
    expect(records.filter((r) => r.outcome === 'success').length).toBeGreaterThan(0);
  });

  it('had no serious or critical axe violation on any screen, and never sent a token to the window', () => {
    expect(Object.keys(axe)).toEqual(['api-hop', 'kubectl-terminal']);
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    const everything = JSON.stringify(h.received);
    const leaked = [...cloud.entra.issuedSecrets].filter((s) => s.length > 16 && everything.includes(s));
    expect(leaked).toEqual([]);
  });
});
