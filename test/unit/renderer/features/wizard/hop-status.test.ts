import { describe, expect, it } from 'vitest';
import { deriveHops } from '../../../../../src-renderer/features/wizard/hop-status';
import { placeCheck, SCENARIO_FLOWS } from '../../../../../src-renderer/features/wizard/scenario-flows';
import { result } from '../../support/fixtures';

describe('scenario flows and hop status', () => {
  it('has a flow for every path with one edge between each pair of hops', () => {
    for (const flow of Object.values(SCENARIO_FLOWS)) {
      expect(flow.edges.length).toBe(flow.hops.length - 1);
      expect(flow.hops[0]).toBe('paw');
      expect(flow.hops.at(-1)).toBe('api-server');
    }
  });

  it('places a check on the first of its declared hops that the flow crosses', () => {
    expect(placeCheck(SCENARIO_FLOWS['bastion-jumpbox'], ['peering'])).toBe('peering');
    expect(placeCheck(SCENARIO_FLOWS['bastion-jumpbox'], ['dns'])).toBe('dns');
    expect(placeCheck(SCENARIO_FLOWS['bastion-jumpbox'], ['bastion'])).toBe('bastion');
    expect(placeCheck(SCENARIO_FLOWS['bastion-jumpbox'], ['jit', 'jumpbox'])).toBe('jit');
    expect(placeCheck(SCENARIO_FLOWS['ssh-jumpbox'], ['public-ip-nsg', 'jumpbox'])).toBe('public-ip-nsg');
    expect(placeCheck(SCENARIO_FLOWS.vpn, ['public-ip-nsg', 'jumpbox'])).toBe('jumpbox');
    expect(placeCheck(SCENARIO_FLOWS['command-invoke'], ['command-pod', 'api-server'])).toBe('command-pod');
    expect(placeCheck(SCENARIO_FLOWS['public-internet'], ['bastion'])).toBeUndefined();
  });

  it('does not move a check when its title changes (placement is by declared hops only)', () => {
    const flow = SCENARIO_FLOWS['bastion-jumpbox'];
    const renamed = { id: 'vnet-peering', hops: ['peering' as const] };
    const a = deriveHops(flow, [renamed], [result('vnet-peering', 'fail', 'VNet peering to the cluster VNet', ['peering'])]);
    const b = deriveHops(flow, [renamed], [result('vnet-peering', 'fail', 'Bastion DNS jump box zone', ['peering'])]);
    expect(a.hops.find((h) => h.kind === 'peering')?.state).toBe('fail');
    expect(b.hops.find((h) => h.kind === 'peering')?.state).toBe('fail');
    expect(b.hops.filter((h) => h.state === 'fail').map((h) => h.kind)).toEqual(['peering']);
  });

  it('colours a hop by its worst check and marks hops still waiting', () => {
    const flow = SCENARIO_FLOWS['bastion-jumpbox'];
    const checks = [
      { id: 'peering-connected', hops: ['peering' as const] },
      { id: 'peering-reverse', hops: ['peering' as const] },
      { id: 'dns-zone-link', hops: ['dns' as const] },
      { id: 'bastion-sku', hops: ['bastion' as const] },
    ];
    const { hops, unplaced } = deriveHops(flow, checks, [
      result('peering-connected', 'pass', 'p1', ['peering']),
      result('peering-reverse', 'fail', 'p2', ['peering']),
      result('other', 'warn', 'other', ['command-pod']),
    ]);
    const state = Object.fromEntries(hops.map((h) => [h.kind, h.state]));
    expect(state.peering).toBe('fail');
    expect(state.dns).toBe('running');
    expect(state.bastion).toBe('running');
    expect(state['api-server']).toBe('unchecked');
    expect(unplaced.map((r) => r.checkId)).toEqual(['other']);
  });
});
