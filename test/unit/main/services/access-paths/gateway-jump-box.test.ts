import { describe, expect, it } from 'vitest';
import { rankPaths } from '../../../../../src-main/services/access-paths';
import { ids, privateTopology } from './topology-fixture';

describe('VPN/ExpressRoute paths name the topology\'s jump box', () => {
  it('without a gateway the path does not apply, but the jump box it would use is still named (JIT does not claim "no jump box")', () => {
    const paths = rankPaths(privateTopology(), {});
    for (const id of ['vpn', 'expressroute'] as const) {
      const path = paths.find((p) => p.id === id)!;
      expect(path.availability).toBe('not-applicable');
      expect(path.jumpBoxId).toBe(ids.jump);
    }
  });

  it('a topology with only AKS nodes has no jump box to name', () => {
    const t = privateTopology();
    t.jumpBoxes = t.jumpBoxes.filter((j) => j.isAksNode);
    expect(rankPaths(t, {}).find((p) => p.id === 'vpn')!.jumpBoxId).toBeNull();
  });
});
