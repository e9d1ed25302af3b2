import { describe, expect, it } from 'vitest';
import { durationProblem, formatCountdown, isoDurationMinutes, jitFor, secondsLeft } from '../../../../../src-renderer/features/jit/jit-policy';

const VM = '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Compute/virtualMachines/vm-jump';

describe('JIT policy facts', () => {
  it('reads ISO 8601 durations as minutes', () => {
    expect(isoDurationMinutes('PT3H')).toBe(180);
    expect(isoDurationMinutes('PT90M')).toBe(90);
    expect(isoDurationMinutes('P1DT1H')).toBe(1500);
    expect(isoDurationMinutes('PT')).toBeUndefined();
    expect(isoDurationMinutes('3 hours')).toBeUndefined();
    expect(isoDurationMinutes(null)).toBeUndefined();
  });

  it('finds the policy covering a VM (case-insensitively) with its ports and open requests', () => {
    const policy = {
      id: '/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Security/locations/eastus/jitNetworkAccessPolicies/default',
      name: 'default',
      location: 'eastus',
      vmIds: [VM.toUpperCase()],
      ports: [{ vmId: VM, number: 22, protocol: 'TCP', maxRequestAccessDuration: 'PT2H' }],
      openRequests: [{ vmId: VM, port: 22, requestor: 'op@contoso', source: '203.0.113.7', endTimeUtc: '2026-11-29T10:00:00Z' }],
    };
    const jit = jitFor(VM, [policy]);
    expect(jit?.ports).toEqual([{ number: 22, protocol: 'TCP', maxMinutes: 120 }]);
    expect(jit?.open).toHaveLength(1);
    expect(jitFor('/subscriptions/s/other', [policy])).toBeUndefined();
  });

  it('validates durations against the policy maximum', () => {
    expect(durationProblem(60, 120)).toBeUndefined();
    expect(durationProblem(121, 120)).toBe('too-long');
    expect(durationProblem(4, 120)).toBe('too-short');
    expect(durationProblem(10.5, 120)).toBe('not-whole');
  });

  it('counts down to the end time', () => {
    const now = Date.parse('2026-11-29T09:00:00Z');
    expect(secondsLeft('2026-11-29T10:01:05Z', now)).toBe(3665);
    expect(secondsLeft('2026-11-29T08:00:00Z', now)).toBe(0);
    expect(formatCountdown(3665)).toBe('1:01:05');
    expect(formatCountdown(65)).toBe('1:05');
  });
});
