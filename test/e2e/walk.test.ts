/**
 * The full walk, in Chromium with the real router and services behind it, the stand-ins for the
 * cloud and (as root) the namespace topology for SSH: sign in → inventory → pick the private
 * cluster → ranked paths → checklist with a DNS-link failure, fixed in the stand-in and re-run →
 * JIT request → Bastion terminal running a command → kubeconfig context through a Bastion tunnel
 * (used by the real kubectl) → command invoke, then with attached files the command reads. In
 * English and Japanese, with a screenshot of every screen; at the end, nothing the renderer
 * received contains a token the stand-in issued.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedCloud } from '../demo/simulated-cloud';
import type { Harness } from './harness';
import { startCloudSession, type CloudSession } from './support/cloud-session';
import { seriousViolations } from './support/axe';
import { japaneseScreenProblems } from './support/screen-language';

const run = promisify(execFile);

describe.each(['en', 'ja'] as const)('full walk (%s)', (language) => {
  let cloud: SimulatedCloud;
  let h: Harness;
  let session: CloudSession;
  const axe: Record<string, unknown[]> = {};
  const prose: Record<string, string[]> = {};

  beforeAll(async () => {
    session = await startCloudSession(
      {
        scenario: 'broken-dns-link-missing',
        fleet: { subscriptions: 3, clustersPerSubscription: 2 },
        slot: 0,
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
    if (language === 'ja') prose[name] = await japaneseScreenProblems(h.page);
    await h.shot(`walk-${name}-${language}`);
  };
  const openPath = async (pathId: string) => {
    await nav('wizard');
    if ((await h.page.getByTestId('wizard-back').count()) > 0) await h.page.getByTestId('wizard-back').click();
    await h.page.locator(`li[data-path="${pathId}"] button`).click();
    await h.page.locator(`[data-testid="path-view"][data-path="${pathId}"]`).waitFor();
  };

  it('signs in and lists clusters from several subscriptions with their access badges', async () => {
    await h.page.getByTestId('signin-browser').click();
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });
    await screen('signed-in');
    await nav('clusters');
    await h.page.getByTestId('cluster-table').waitFor({ timeout: 30_000 });
    const rows = await h.page.locator('[data-testid="cluster-table"] tbody tr').count();
    expect(rows).toBeGreaterThanOrEqual(7);
    expect(await h.page.getByTestId('inventory-status').textContent()).toMatch(/4/);
    await screen('inventory');
    expect(await h.page.locator('.badge-private').count()).toBeGreaterThan(0);
    await h.page.getByTestId('cluster-filter').selectOption('run-command-disabled');
    expect(await h.page.locator('[data-testid="cluster-table"] tbody tr').count()).toBeLessThan(rows);
    await h.page.getByTestId('cluster-filter').selectOption('all');
  });

  it('picks the private cluster and shows ranked paths with reasons', async () => {
    const name = cloud.arm.world.meta.clusterId.split('/').at(-1)!;
    await h.page.getByTestId('cluster-search').fill(name);
    await h.page.locator(`tr[data-cluster="${name}"] button`).click();
    await h.page.getByTestId('path-list').waitFor({ timeout: 30_000 });
    expect(await h.page.locator('[data-testid="path-list"] > li').count()).toBe(11);
    const bastion = h.page.locator('li[data-path="bastion-jumpbox"]');
    expect(await bastion.getAttribute('class')).toContain('availability-available-after-fix');
    expect(await bastion.textContent()).toContain('bas-hub');
    await screen('paths');
  });

  it('runs the checklist, shows the DNS-link failure on the diagram, and passes after the fix', async () => {
    await openPath('bastion-jumpbox');
    await h.page.getByTestId('run-checks').click();
    await expect.poll(() => h.page.locator('[data-testid="flow-diagram"] [data-hop="dns"]').getAttribute('data-state'), { timeout: 60_000 }).toBe('fail');
    await h.page.locator('[data-testid="flow-diagram"] [data-hop="dns"]').click();
    await h.page.getByTestId('hop-details').waitFor();
    await screen('wizard-diagram');
    await h.page.getByTestId('open-checklist').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe('checklist');
    await expect.poll(() => h.page.locator('[data-testid="checklist"] [data-check="private-dns-link"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('fail');
    expect(await h.page.locator('[data-check="private-dns-link"] [data-testid="remediation"]').textContent()).toContain('az ');
    await screen('checklist-failing');

    const { zoneId, hubVnetId } = cloud.arm.world.meta;
    cloud.arm.mutate((w) =>
      w.put({ id: `${zoneId}/virtualNetworkLinks/link-vnet-hub`, name: 'link-vnet-hub', type: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks', location: 'global', properties: { virtualNetwork: { id: hubVnetId }, registrationEnabled: false, virtualNetworkLinkState: 'Completed' } }),
    );
    await h.page.getByTestId('checklist-rerun').click();
    await expect.poll(() => h.page.locator('[data-testid="checklist"] [data-check="private-dns-link"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('pass');
    await screen('checklist-fixed');
  });

  it('requests JIT access with a countdown', async () => {
    await openPath('bastion-jumpbox');
    await h.page.getByTestId('jit-open-dialog').click();
    await h.page.getByTestId('jit-dialog').waitFor();
    await screen('jit-dialog');
    await h.page.getByTestId('jit-submit').click();
    await expect.poll(() => h.page.getByTestId('jit-status').getAttribute('data-left').then(Number), { timeout: 30_000 }).toBeGreaterThan(0);
    await screen('jit-open');
  });

  it('opens a Bastion terminal to the jump box and runs a command', async () => {
    if (!cloud.topology) throw new Error('the namespace topology is required for this step (run as root)');
    await nav('terminals');
    await h.page.locator('summary', { hasText: language === 'ja' ? '秘密キーをインポート' : 'Import a private key' }).click();
    await h.page.locator('.panel input').first().fill('jump box key');
    await h.page.locator('.panel textarea').fill(cloud.topology.clientPrivateKey);
    await h.page.locator('.panel form button[type="submit"]').click();
    await h.page.getByTestId('ssh-keys').waitFor();
    await openPath('bastion-jumpbox');
    await h.page.getByTestId('jump-username').fill(cloud.topology.jumpBox.user);
    const keyOption = await h.page.locator('[data-testid="jump-key"] option[value^="key:"]').first().getAttribute('value');
    await h.page.getByTestId('jump-key').selectOption(keyOption!);
    await h.page.getByTestId('open-terminal').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area'), { timeout: 60_000 }).toBe('terminals');
    // The host key came from Azure (VM Run Command), so no trust-on-first-use question is asked.
    expect(await h.page.getByTestId('host-key-dialog').count()).toBe(0);
    await expect.poll(() => h.page.getByTestId('terminal-status').first().getAttribute('data-state'), { timeout: 60_000 }).toBe('open');
    await h.page.locator('.terminal-mount textarea').first().focus();
    await h.page.keyboard.type('echo walk-$((6*7)) && hostname\n');
    await expect.poll(() => h.page.locator('.terminal-mount .xterm-rows').first().innerText(), { timeout: 30_000 }).toContain('walk-42');
    await screen('terminal');
  });

  it('writes a kubeconfig context through a Bastion tunnel that the real kubectl uses', async () => {
    if (!cloud.topology) throw new Error('the namespace topology is required for this step (run as root)');
    await openPath('bastion-apiserver');
    await h.page.getByTestId('open-tunnel').click();
    await expect.poll(() => h.page.getByTestId('tunnel-state').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    const context = `walk-${language}`;
    await h.page.getByTestId('kube-context').fill(context);
    await h.page.getByTestId('kubeconfig-preview').click();
    await h.page.getByTestId('kubeconfig-dialog').waitFor();
    await screen('kubeconfig-diff');
    await h.page.getByTestId('file-change-apply').click();
    const file = path.join(cloud.homeDir, '.kube', 'config');
    await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
    await screen('kubeconfig-written');
    await h.page.getByTestId('file-change-close').click();
    // Up to three attempts: a first connection through a fresh Bastion tunnel has been seen to end
    // in EOF on this shared machine (reported as fragile); a working path answers within them.
    const attempts: string[] = [];
    for (let i = 0; i < 3 && !attempts.some((a) => a.includes('gitVersion')); i++) {
      attempts.push(await run('kubectl', ['--kubeconfig', file, '--context', context, 'get', '--raw', '/version'], { timeout: 60_000 }).then((r) => r.stdout, (e: Error) => e.message));
    }
    expect(attempts.at(-1)).toContain('gitVersion');
  });

  it('runs a command through command invoke after the warning', async () => {
    await openPath('command-invoke');
    await h.page.getByTestId('invoke-warning').waitFor();
    await screen('command-invoke-warning');
    await h.page.getByTestId('invoke-acknowledge').click();
    await h.page.getByTestId('invoke-run').click();
    await expect.poll(() => h.page.getByTestId('invoke-output').textContent(), { timeout: 60_000 }).toContain('Ready');
    await screen('command-invoke');
  });

  it('attaches files to command invoke; the command reads them in the pod and the az equivalent names them', async () => {
    const invoke = h.page.getByTestId('command-invoke');
    const note = `attached in the walk (${language}) ✓`;
    await h.page.getByTestId('invoke-attach').setInputFiles([
      { name: 'walk-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`${note}\n`) },
      { name: 'walk-ns.yaml', mimeType: 'application/yaml', buffer: Buffer.from(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: walk-${language}\n`) },
    ]);
    await invoke.locator('li[data-file="walk-ns.yaml"]').waitFor();
    expect(await invoke.locator('.command-box code').textContent()).toMatch(/--file walk-notes\.txt --file walk-ns\.yaml$/);
    await screen('command-invoke-files');
    await h.page.getByTestId('invoke-command').fill('cat walk-notes.txt');
    await h.page.getByTestId('invoke-run').click();
    await expect.poll(() => h.page.getByTestId('invoke-output').textContent(), { timeout: 60_000 }).toBe(`${note}\n`);
    await h.page.getByTestId('invoke-command').fill('kubectl apply -f walk-ns.yaml');
    await h.page.getByTestId('invoke-run').click();
    await expect.poll(() => h.page.getByTestId('invoke-output').textContent(), { timeout: 60_000 }).toBe(`namespace/walk-${language} created\n`);
    expect(await h.page.getByTestId('invoke-history-files').first().textContent()).toContain('walk-notes.txt, walk-ns.yaml');
    await screen('command-invoke-files-output');
  });

  it('when the sign-in expires, keeps the cluster list (marked stale), says so everywhere, and signs in again with one action', async () => {
    await nav('clusters');
    const rows = await h.page.locator('[data-testid="cluster-table"] tbody tr').count();
    // Entra revokes the session (CAE from ARM) and the refresh token has expired: the next Azure read needs a sign-in.
    cloud.entra.faults.expireRefreshTokens = true;
    cloud.arm.faults.claimsChallenge = { issuedBefore: Math.floor(Date.now() / 1000) + 1 }; // epoch seconds: every token issued so far
    await h.page.getByTestId('cluster-refresh').click();
    await h.page.getByTestId('sign-in-expired').waitFor({ timeout: 60_000 });
    await h.page.getByTestId('inventory-stale').waitFor({ timeout: 60_000 });
    expect(await h.page.locator('[data-testid="cluster-table"] tbody tr').count()).toBe(rows);
    expect(await h.page.getByTestId('status-text').textContent()).toMatch(language === 'ja' ? /サインイン/ : /sign-in/i);
    await screen('sign-in-expired');
    cloud.entra.faults.expireRefreshTokens = false;
    cloud.arm.faults.claimsChallenge = null;
    await h.page.getByTestId('sign-in-again').click();
    await expect.poll(() => h.page.locator('main').getAttribute('data-area')).toBe('signin');
    await h.page.getByTestId('signin-browser').click();
    await nav('clusters');
    await expect.poll(() => h.page.getByTestId('sign-in-expired').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => h.page.getByTestId('inventory-stale').count(), { timeout: 60_000 }).toBe(0);
    expect(await h.page.locator('[data-testid="cluster-table"] tbody tr').count()).toBe(rows);
  });

  it('names a Conditional Access refusal with what the operator can do, and never falls back to a device code', async () => {
    await nav('signin');
    await h.page.getByTestId('signin-signout').click();
    await h.page.getByTestId('signin-browser').waitFor();
    cloud.entra.faults.conditionalAccess = { code: 53003 };
    const deviceCodeTries = () => cloud.entra.requests.filter((r) => r.path.endsWith('/devicecode') || r.grant === 'device_code').length;
    const deviceCodesBefore = deviceCodeTries();
    await h.page.getByTestId('signin-browser').click();
    const error = h.page.getByTestId('signin-error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('AADSTS53003');
    expect(await error.textContent()).toContain(language === 'ja' ? '条件付きアクセス' : 'Conditional Access');
    expect(deviceCodeTries()).toBe(deviceCodesBefore);
    await screen('conditional-access');
    cloud.entra.faults.conditionalAccess = undefined;
    await h.page.getByTestId('signin-browser').click();
    await h.page.getByTestId('account-username').waitFor({ timeout: 30_000 });
  });

  it('had no serious or critical axe violation on any screen, and never sent a token to the window', () => {
    expect(Object.entries(axe).filter(([, v]) => v.length > 0)).toEqual([]);
    if (language === 'ja') {
      // Every screen was read: no English sentence outside verbatim names and commands, the guide's terms.
      expect(Object.keys(prose).length).toBeGreaterThanOrEqual(10);
      expect(Object.entries(prose).filter(([, v]) => v.length > 0)).toEqual([]);
    }
    const everything = JSON.stringify(h.received);
    const leaked = [...cloud.entra.issuedSecrets].filter((s) => s.length > 16 && everything.includes(s));
    expect(leaked).toEqual([]);
  });
});
