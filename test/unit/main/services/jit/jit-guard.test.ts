import { describe, expect, it } from 'vitest';
import { ArmJitGrants, JitGrantLedger, JitGuard, vmPortOf } from '../../../../../src-main/services/jit';
import { AppError } from '../../../../../src-main/services/errors/app-error';
import { MemoryLogger } from '../../../../support/memory-logger';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const VM = `${SUB}/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1`;
const CLUSTER = `${SUB}/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1`;
const BASTION = `${SUB}/resourceGroups/hub/providers/Microsoft.Network/bastionHosts/bas-hub`;
const auth = { method: 'agent' as const };
const direct = { route: { kind: 'direct' as const, host: '10.1.0.4', port: 22 }, username: 'azureuser', auth };

describe('which VM port a request reaches', () => {
  it('covers shells, SSH forwards and Bastion tunnels; a Bastion tunnel to a cluster reaches no VM', () => {
    expect(vmPortOf({ kind: 'session', target: { ...direct, vmResourceId: VM } })).toEqual({ vmId: VM, port: 22 });
    expect(vmPortOf({ kind: 'session', target: direct })).toBe('unknown');
    expect(vmPortOf({ kind: 'session', target: { ...direct, route: { kind: 'bastion', bastionId: BASTION, targetResourceId: VM, port: 22 } } })).toEqual({ vmId: VM, port: 22 });
    expect(vmPortOf({ kind: 'tunnel', name: 't', via: { kind: 'ssh', target: { ...direct, vmResourceId: VM }, remoteHost: 'api', remotePort: 443 } })).toEqual({ vmId: VM, port: 22 });
    expect(vmPortOf({ kind: 'tunnel', name: 't', via: { kind: 'bastion', bastionId: BASTION, targetResourceId: VM, port: 22 } })).toEqual({ vmId: VM, port: 22 });
    expect(vmPortOf({ kind: 'tunnel', name: 't', via: { kind: 'bastion', bastionId: BASTION, targetResourceId: CLUSTER, port: 443 } })).toBeNull();
    expect(vmPortOf({ kind: 'tunnel', name: 't', via: { kind: 'bastion-ip', bastionId: BASTION, targetIp: '10.1.0.4', port: 22 } })).toBe('unknown');
  });
});

describe('JitGuard', () => {
  const request = { kind: 'session' as const, target: { ...direct, vmResourceId: VM } };

  it('does nothing when policy does not ask for JIT', async () => {
    const guard = new JitGuard({ required: () => false, sources: [], log: new MemoryLogger() });
    await expect(guard.assertMayOpen({ kind: 'session', target: direct })).resolves.toBeUndefined();
  });

  it('needs an unexpired grant for that VM and port', async () => {
    let now = Date.parse('2026-12-07T03:00:00Z');
    const ledger = new JitGrantLedger(() => now);
    const guard = new JitGuard({ required: () => true, sources: [ledger], log: new MemoryLogger() });
    await expect(guard.assertMayOpen(request)).rejects.toMatchObject({ code: 'jit.required' });
    ledger.record(VM, 3389, 'Initiated', '2026-12-07T04:00:00Z');
    ledger.record(VM, 22, 'Denied', '2026-12-07T04:00:00Z');
    await expect(guard.assertMayOpen(request)).rejects.toMatchObject({ code: 'jit.required' });
    ledger.record(VM.toUpperCase(), 22, 'Initiated', '2026-12-07T04:00:00Z');
    await expect(guard.assertMayOpen(request)).resolves.toBeUndefined();
    now = Date.parse('2026-12-07T04:00:00Z');
    await expect(guard.assertMayOpen(request)).rejects.toMatchObject({ code: 'jit.required' });
  });

  it('refuses when the evidence cannot be read, instead of letting the connection through', async () => {
    const failing = { activeGrant: async () => Promise.reject(new AppError('auth.sign_in_required', 'Sign in again.')) };
    const guard = new JitGuard({ required: () => true, sources: [failing], log: new MemoryLogger() });
    await expect(guard.assertMayOpen(request)).rejects.toMatchObject({ code: 'jit.unverified', message: expect.stringContaining('Sign in again.') });
  });
});

describe('JitGuard: the VM the renderer names must be the one the connection reaches', () => {
  const granted = { activeGrant: async () => ({ source: 'console' as const, vmId: VM, port: 22, endTimeUtc: '2099-01-01T00:00:00Z' }) };
  const guardWith = (addresses: readonly string[], resolve = async (host: string): Promise<string[]> => (host === 'jump1.contoso.internal' ? ['10.1.0.4'] : ['203.0.113.99'])) =>
    new JitGuard({ required: () => true, sources: [granted], log: new MemoryLogger(), vmAddresses: async () => addresses, resolve });

  it('refuses a direct connection to a host that is not an address of the named VM (a grant for one VM opening another host)', async () => {
    const guard = guardWith(['10.1.0.4', '20.10.0.7']);
    const elsewhere = { kind: 'session' as const, target: { ...direct, route: { kind: 'direct' as const, host: '10.9.9.9', port: 22 }, vmResourceId: VM } };
    await expect(guard.assertMayOpen(elsewhere)).rejects.toMatchObject({ code: 'jit.vm_mismatch', message: expect.stringContaining('10.9.9.9') });
    const byName = { kind: 'session' as const, target: { ...direct, route: { kind: 'direct' as const, host: 'evil.example', port: 22 }, vmResourceId: VM } };
    await expect(guard.assertMayOpen(byName)).rejects.toMatchObject({ code: 'jit.vm_mismatch' });
    const ipTunnel = { kind: 'tunnel' as const, name: 't', via: { kind: 'ssh' as const, target: { ...direct, route: { kind: 'bastion-ip' as const, bastionId: BASTION, targetIp: '10.9.9.9', port: 22 }, vmResourceId: VM }, remoteHost: 'api', remotePort: 443 } };
    await expect(guard.assertMayOpen(ipTunnel)).rejects.toMatchObject({ code: 'jit.vm_mismatch' });
  });

  it('allows the VM\'s private or public address, or a name that resolves to one', async () => {
    const guard = guardWith(['10.1.0.4', '20.10.0.7']);
    for (const host of ['10.1.0.4', '20.10.0.7', 'jump1.contoso.internal']) {
      await expect(guard.assertMayOpen({ kind: 'session', target: { ...direct, route: { kind: 'direct', host, port: 22 }, vmResourceId: VM } })).resolves.toBeUndefined();
    }
  });

  it('refuses when the VM\'s addresses cannot be read', async () => {
    const guard = new JitGuard({ required: () => true, sources: [granted], log: new MemoryLogger(), vmAddresses: async () => Promise.reject(new AppError('azure.forbidden', 'No read access to the VM.')) });
    await expect(guard.assertMayOpen({ kind: 'session', target: { ...direct, vmResourceId: VM } })).rejects.toMatchObject({ code: 'jit.unverified', message: expect.stringContaining('No read access') });
  });
});

describe('ArmJitGrants', () => {
  it('counts only Initiated, unexpired ports of the VM requested by the operator', async () => {
    const now = Date.parse('2026-12-07T03:00:00Z');
    const port = (number: number, status: string, end: string) => ({ number, status, statusReason: 'UserRequested', endTimeUtc: new Date(end), allowedSourceAddressPrefix: '203.0.113.10' });
    const requests = [
      { requestor: 'bob@contoso.example', startTimeUtc: new Date(now), virtualMachines: [{ id: VM, ports: [port(22, 'Initiated', '2026-12-07T05:00:00Z')] }] },
      { requestor: 'alice@contoso.example', startTimeUtc: new Date(now), virtualMachines: [{ id: VM, ports: [port(22, 'Initiated', '2026-12-07T02:59:00Z'), port(22, 'Expired', '2026-12-07T06:00:00Z')] }] },
    ];
    let policies = [{ virtualMachines: [], requests }];
    const grants = (operator: string) => new ArmJitGrants({ listJitPolicies: async () => policies as never }, async () => operator, () => now);
    expect(await grants('alice@contoso.example').activeGrant(VM, 22)).toBeNull();
    expect(await grants('BOB@contoso.example').activeGrant(VM, 22)).toEqual({ vmId: VM, port: 22, endTimeUtc: '2026-12-07T05:00:00.000Z', source: 'arm' });
    policies = [{ virtualMachines: [], requests: [{ ...requests[0]!, requestor: 'alice@contoso.example' }] }];
    expect(await grants('alice@contoso.example').activeGrant(VM, 22)).toMatchObject({ source: 'arm' });
  });
});
