import { describe, expect, it } from 'vitest';
import { deriveHops } from '../../../../../src-renderer/features/wizard/hop-status';
import { hopForCheck, placeCheck, SCENARIO_FLOWS } from '../../../../../src-renderer/features/wizard/scenario-flows';
import { result } from '../../support/fixtures';

describe('scenario flows and hop status', () => {
  it('has a flow for every path with one edge between each pair of hops', () => {
    for (const flow of Object.values(SCENARIO_FLOWS)) {
      expect(flow.edges.length).toBe(flow.hops.length - 1);
      expect(flow.hops[0]).toBe('paw');
      expect(flow.hops.at(-1)).toBe('api-server');
    }
  });

  it('places checks on hops by id or title', () => {
    expect(hopForCheck('peering-both-ways')).toBe('peering');
    expect(hopForCheck('x', 'Private DNS zone is linked to the jump box VNet')).toBe('dns');
    expect(hopForCheck('bastion-sku')).toBe('bastion');
    expect(hopForCheck('jit-policy')).toBe('jit');
    expect(hopForCheck('nsg-allows-ssh')).toBe('public-ip-nsg');
    expect(placeCheck(SCENARIO_FLOWS.vpn, 'nsg-allows-ssh')).toBe('jumpbox');
    expect(placeCheck(SCENARIO_FLOWS['command-invoke'], 'run-command-enabled')).toBe('command-pod');
    expect(hopForCheck('unrelated-thing')).toBeUndefined();
  });

  it('colours a hop by its worst check and marks hops still waiting', () => {
    const flow = SCENARIO_FLOWS['bastion-jumpbox'];
    const checks = [
      { id: 'peering-connected', title: '' },
      { id: 'peering-reverse', title: '' },
      { id: 'dns-zone-link', title: '' },
      { id: 'bastion-sku', title: '' },
    ];
    const { hops, unplaced } = deriveHops(flow, checks, [result('peering-connected', 'pass'), result('peering-reverse', 'fail'), result('other', 'warn')]);
    const state = Object.fromEntries(hops.map((h) => [h.kind, h.state]));
    expect(state.peering).toBe('fail');
    expect(state.dns).toBe('running');
    expect(state.bastion).toBe('running');
    expect(state['api-server']).toBe('unchecked');
    expect(unplaced.map((r) => r.checkId)).toEqual(['other']);
  });
});
