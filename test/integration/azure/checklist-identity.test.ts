/** The API server hop's identity checks against the ARM stand-in's access scenarios (the real ARM SDK reading `aadProfile`, `disableLocalAccounts`, `enableRBAC`). */
import { afterEach, describe, expect, it } from 'vitest';
import { grantAksRole, startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { DEFAULT_IDS } from '../../standins/entra/directory';
import type { AccessScenario } from '../../standins/apiserver';
import { runChecklist } from './checklist-helpers';

let standIn: ArmStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function statuses(access: AccessScenario, options: { operatorRole?: 'reader' | null; namespaceRole?: string } = {}) {
  standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', access, ...(options.operatorRole !== undefined ? { operatorRole: options.operatorRole } : {}) });
  if (options.namespaceRole) grantAksRole(standIn.world, DEFAULT_IDS.operatorOid, 'writer', `${standIn.world.meta.clusterId}/namespaces/${options.namespaceRole}`);
  const run = await runChecklist(standIn, { pathId: 'command-invoke' });
  const pick = (id: string) => run.results.find((r) => r.checkId === id)!;
  return { entra: pick('entra-integration'), local: pick('local-accounts'), authz: pick('kubernetes-authorization'), reader: pick('operator-reader-role') };
}

describe('API server hop checks per access scenario', () => {
  it('managed Entra + Azure RBAC + local accounts disabled: all pass', async () => {
    const s = await statuses('entra-azure-rbac');
    expect([s.entra.status, s.local.status, s.authz.status]).toEqual(['pass', 'pass', 'pass']);
    expect(s.authz.evidence.map((e) => e.text).join(' ')).toContain('Azure RBAC');
    expect(s.reader.status).toBe('pass');
    expect(s.reader.evidence.map((e) => e.text).join(' ')).toContain('Azure Kubernetes Service RBAC Reader');
  });

  it('Azure RBAC without a role for the operator: the reader check fails with az role assignment create for their object id', async () => {
    const s = await statuses('entra-azure-rbac', { operatorRole: null });
    expect(s.reader).toMatchObject({
      status: 'fail',
      evidence: [{ code: 'reader_role.none', params: { oid: DEFAULT_IDS.operatorOid } }],
      remediation: { az: `az role assignment create --role "Azure Kubernetes Service RBAC Reader" --assignee ${DEFAULT_IDS.operatorOid} --scope ${standIn!.world.meta.clusterId}` },
    });
  });

  it('Azure RBAC with a role only in one namespace: the reader check warns, naming the namespace', async () => {
    const s = await statuses('entra-azure-rbac', { operatorRole: null, namespaceRole: 'payments' });
    expect(s.reader.status).toBe('warn');
    expect(s.reader.evidence).toEqual([expect.objectContaining({ code: 'reader_role.namespaces_only', params: expect.objectContaining({ grants: 'payments: Azure Kubernetes Service RBAC Writer', command: 'kubectl get pods -A' }) })]);
  });

  it('Entra + Kubernetes RBAC: local accounts and Kubernetes-only authorization are warned with their az commands', async () => {
    const s = await statuses('entra-k8s-rbac');
    expect(s.entra.status).toBe('pass');
    expect(s.local).toMatchObject({ status: 'warn', remediation: { az: expect.stringMatching(/--disable-local-accounts$/) } });
    expect(s.authz).toMatchObject({ status: 'warn', remediation: { az: expect.stringMatching(/--enable-azure-rbac$/) } });
    expect(s.reader).toMatchObject({ status: 'skip', evidence: [{ code: 'reader_role.not_azure_rbac' }] });
  });

  it('legacy local accounts: Entra integration is recommended with az aks update --enable-aad', async () => {
    const s = await statuses('local-accounts');
    expect(s.entra).toMatchObject({ status: 'warn', evidence: [{ code: 'entra.not_managed' }], remediation: { steps: [{ code: 'entra.fix_enable' }], az: expect.stringContaining('--enable-aad') } });
    expect(s.local.status).toBe('warn');
  });
});
