import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../../../src-main/services/checklist/checks';
import { entraIntegration, kubernetesAuthorization, localAccounts } from '../../../../../src-main/services/checklist/checks/identity-checks';
import { privateTopology } from '../access-paths/topology-fixture';
import { coded, fakeContext, saying, words } from './fake-context';

const t = privateTopology();
const cluster = (extra: Partial<ManagedCluster>): ManagedCluster => ({ id: t.cluster.id, name: t.cluster.name, location: 'japaneast', enableRbac: true, ...extra });
const run = (check: typeof entraIntegration, extra: Partial<ManagedCluster>) => check.run(fakeContext({ topology: t, managedCluster: cluster(extra) }));
const ENTRA = { managed: true, enableAzureRbac: true, tenantID: '72f988bf-86f1-41af-91ab-2d7cd011db47' };

describe('the API server hop: identity and authorization checks', () => {
  it('are part of every run', () => {
    expect(ALL_CHECKS.map((c) => c.id)).toEqual(expect.arrayContaining(['entra-integration', 'local-accounts', 'kubernetes-authorization']));
    for (const check of [entraIntegration, localAccounts, kubernetesAuthorization]) expect(check.appliesTo('command-invoke') && check.appliesTo('bastion-jumpbox')).toBe(true);
  });

  it('entra-integration passes managed Entra ID with its tenant, and warns a cluster without it with az aks update --enable-aad', async () => {
    expect(await run(entraIntegration, { aadProfile: ENTRA })).toMatchObject({ status: 'pass', evidence: [coded('entra.managed_tenant', { cluster: 'aks-prod', tenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' })] });
    expect(await run(entraIntegration, { aadProfile: { managed: true } })).toMatchObject({ status: 'pass', evidence: [coded('entra.managed', { cluster: 'aks-prod' })] });
    const none = await run(entraIntegration, {});
    expect(none).toMatchObject({ status: 'warn', evidence: [coded('entra.not_managed')], remediation: { steps: [coded('entra.fix_enable')] } });
    expect(none.remediation?.az).toMatch(/^az aks update --subscription \S+ --resource-group rg-spoke --name aks-prod --enable-aad --aad-admin-group-object-ids <admin-group-object-id>$/);
  });

  it('local-accounts passes when disabled and warns when enabled with az aks update --disable-local-accounts (only once Entra ID is on)', async () => {
    expect((await run(localAccounts, { aadProfile: ENTRA, disableLocalAccounts: true })).status).toBe('pass');
    const enabled = await run(localAccounts, { aadProfile: ENTRA, disableLocalAccounts: false });
    expect(enabled.status).toBe('warn');
    expect(enabled.remediation?.az).toMatch(/--name aks-prod --disable-local-accounts$/);
    const legacy = await run(localAccounts, {});
    expect(legacy).toMatchObject({ status: 'warn', evidence: [coded('local_accounts.only_way_in', { cluster: 'aks-prod' })] });
    expect(words(legacy.evidence)).toContain('Enable Microsoft Entra ID integration first');
    expect(legacy.remediation?.az).toContain('--enable-aad');
  });

  it('kubernetes-authorization names Azure RBAC, or Kubernetes RBAC with az aks update --enable-azure-rbac, and fails a cluster without RBAC', async () => {
    expect(await run(kubernetesAuthorization, { aadProfile: ENTRA })).toMatchObject({ status: 'pass', evidence: [saying('Azure RBAC')] });
    const k8s = await run(kubernetesAuthorization, { aadProfile: { ...ENTRA, enableAzureRbac: false } });
    expect(k8s.status).toBe('warn');
    expect(words(k8s.evidence)).toContain('Kubernetes RBAC');
    expect(k8s.remediation?.az).toMatch(/--name aks-prod --enable-azure-rbac$/);
    const bare = await run(kubernetesAuthorization, { enableRbac: false });
    expect(bare).toMatchObject({ status: 'fail', evidence: [coded('authorization.rbac_disabled')], remediation: { steps: [coded('authorization.fix_recreate')], az: null } });
  });
});
