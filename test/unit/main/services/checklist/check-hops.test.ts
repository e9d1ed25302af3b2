import { describe, expect, it } from 'vitest';
import { HopKind } from '../../../../../src-main/ipc/contract/hops';
import { PathId } from '../../../../../src-main/ipc/contract/azure';
import { ALL_CHECKS } from '../../../../../src-main/services/checklist/checks';
import { placeCheck, SCENARIO_FLOWS } from '../../../../../src-renderer/features/wizard/scenario-flows';

describe('checks declare their hops; flows declare theirs', () => {
  it('places every check on a hop of every flow that runs it (a check without a usable hop fails here)', () => {
    const unplaced: string[] = [];
    for (const check of ALL_CHECKS) {
      expect(check.hops.length, check.id).toBeGreaterThan(0);
      for (const path of PathId.options) {
        if (check.appliesTo(path) && placeCheck(SCENARIO_FLOWS[path], check.hops) === undefined) unplaced.push(`${check.id} on ${path}`);
      }
    }
    expect(unplaced).toEqual([]);
  });

  it('names only hops of the contract, in checks and in flows', () => {
    const known = new Set<string>(HopKind.options);
    for (const check of ALL_CHECKS) for (const hop of check.hops) expect(known.has(hop), `${check.id}: ${hop}`).toBe(true);
    for (const [path, flow] of Object.entries(SCENARIO_FLOWS)) for (const hop of flow.hops) expect(known.has(hop), `${path}: ${hop}`).toBe(true);
  });

  it('keeps the places the diagram showed before hops were declared', () => {
    const at = (id: string, path: (typeof PathId.options)[number]) => placeCheck(SCENARIO_FLOWS[path], ALL_CHECKS.find((c) => c.id === id)!.hops);
    expect(at('nsg-ssh-inbound', 'ssh-jumpbox')).toBe('public-ip-nsg');
    expect(at('nsg-ssh-inbound', 'vpn')).toBe('jumpbox');
    expect(at('jit-policy', 'bastion-jumpbox')).toBe('jit');
    expect(at('jit-policy', 'expressroute')).toBe('jumpbox');
    expect(at('expressroute-circuit', 'expressroute')).toBe('msee');
    expect(at('private-dns-a-record', 'bastion-apiserver')).toBe('private-endpoint');
    expect(at('run-command', 'command-invoke')).toBe('command-pod');
    expect(at('jumpbox-dns', 'vpn')).toBe('dns');
    expect(at('ssh-key-placement', 'bastion-jumpbox')).toBe('jumpbox');
  });
});
