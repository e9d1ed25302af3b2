/** The API server hop's identity checks against the ARM stand-in's access scenarios (the real ARM SDK reading `aadProfile`, `disableLocalAccounts`, `enableRBAC`). */
import { afterEach, describe, expect, it } from 'vitest';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import type { AccessScenario } from '../../standins/apiserver';
import { runChecklist } from './checklist-helpers';

let standIn: ArmStandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function statuses(access: AccessScenario) {
  standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', access });
  const run = await runChecklist(standIn, { pathId: 'command-invoke' });
  const pick = (id: string) => run.results.find((r) => r.checkId === id)!;
  return { entra: pick('entra-integration'), local: pick('local-accounts'), authz: pick('kubernetes-authorization') };
}

describe('API server hop checks per access scenario', () => {
  it('managed Entra + Azure RBAC + local accounts disabled: all pass', async () => {
    const s = await statuses('entra-azure-rbac');
    expect([s.entra.status, s.local.status, s.authz.status]).toEqual(['pass', 'pass', 'pass']);
    expect(s.authz.evidence.join(' ')).toContain('Azure RBAC');
  });

  it('Entra + Kubernetes RBAC: local accounts and Kubernetes-only authorization are warned with their az commands', async () => {
    const s = await statuses('entra-k8s-rbac');
    expect(s.entra.status).toBe('pass');
    expect(s.local).toMatchObject({ status: 'warn', remediation: { az: expect.stringMatching(/--disable-local-accounts$/) } });
    expect(s.authz).toMatchObject({ status: 'warn', remediation: { az: expect.stringMatching(/--enable-azure-rbac$/) } });
  });

  it('legacy local accounts: Entra integration is recommended with az aks update --enable-aad', async () => {
    const s = await statuses('local-accounts');
    expect(s.entra).toMatchObject({ status: 'warn', remediation: { az: expect.stringContaining('--enable-aad') } });
    expect(s.local.status).toBe('warn');
  });
});
