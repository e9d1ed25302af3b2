import type { InvokeResponse } from '../../../../src-main/ipc/contract';

/** A cluster id in the shape ARM uses. */
export const CLUSTER_ID = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-private';

/** A ranking as the path chooser returns it. */
export function ranking(overrides: Partial<InvokeResponse<'azure.paths'>> = {}): InvokeResponse<'azure.paths'> {
  return {
    clusterId: CLUSTER_ID,
    asOf: '2026-11-29T08:00:00Z',
    operatorIp: '203.0.113.7',
    paths: [
      { id: 'command-invoke', scenario: 'S6', rank: 2, availability: 'available', guidanceOnly: false, reasons: [], fixes: [], jumpBoxId: null, bastionId: null },
      { id: 'ssh-jumpbox', scenario: 'S8', rank: 5, availability: 'not-applicable', guidanceOnly: false, reasons: [], fixes: [], jumpBoxId: null, bastionId: null },
      { id: 'bastion-jumpbox', scenario: 'S3', rank: 1, availability: 'available-after-fix', guidanceOnly: false, reasons: [{ code: 'bastion.ok', text: 'Bastion bas-hub is Standard', params: {} }], fixes: [], jumpBoxId: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump', bastionId: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub' },
    ],
    ...overrides,
  };
}

type ResultValue = InvokeResponse<'checklist.get'>['results'][number];

/** Evidence or a fix step that no code words (the fallback main uses for uncoded checks). */
export function english(text: string): ResultValue['evidence'][number] {
  return { code: 'untranslated', text, params: {} };
}

/** One check result (on the API server hop unless `hops` says otherwise). */
export function result(checkId: string, status: ResultValue['status'], title = checkId, hops: ResultValue['hops'] = ['api-server']): ResultValue {
  return { checkId, title, hops, status, evidence: [english(`evidence of ${checkId}`)], remediation: status === 'fail' ? { steps: [english('fix it')], az: 'az fix', portal: 'https://portal.azure.com/' } : null, durationMs: 5 };
}
