import { describe, expect, it } from 'vitest';
import { toJson, toMarkdown } from '../../../../../src-main/services/checklist/report';
import { say, untranslated } from '../../../../../src-main/services/checklist/check-text';

const report = {
  runId: 'r1', clusterId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod', pathId: 'bastion-jumpbox', state: 'completed',
  startedAt: '2026-11-29T09:00:00.000Z', finishedAt: '2026-11-29T09:00:02.000Z',
  results: [
    { checkId: 'private-dns-link', title: 'Private DNS zone linked', hops: ['dns' as const], status: 'fail' as const, evidence: [untranslated('vnet-hub has no link | *danger*')], remediation: { steps: [say('dns.fix_link', 'Link the zone.', { zone: 'z', vnet: 'vnet-hub' })], az: 'az network private-dns link vnet create --name x', portal: 'https://portal.azure.com/#resource/x' }, durationMs: 12 },
    { checkId: 'vnet-peering', title: 'VNet peering', hops: ['peering' as const], status: 'pass' as const, evidence: [untranslated('ok')], remediation: null, durationMs: 3 },
  ],
};

describe('checklist export', () => {
  it('writes Markdown with a summary table, escaped evidence, steps, the az command and the portal link', () => {
    const md = toMarkdown(report);
    expect(md).toContain('| Private DNS zone linked | FAIL |');
    expect(md).toContain('vnet-hub has no link \\| \\*danger\\*');
    expect(md).toContain('1. Link the zone.');
    expect(md).toContain('```sh\naz network private-dns link vnet create --name x\n```');
    expect(md).toContain('Portal: <https://portal.azure.com/#resource/x>');
  });
  it('writes JSON that parses back to the same results', () => {
    expect(JSON.parse(toJson(report)).results).toEqual(report.results);
  });
});
