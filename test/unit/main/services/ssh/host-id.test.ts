import { describe, expect, it } from 'vitest';
import { azureHostId, hostIdsFor, openSshHostToken } from '../../../../../src-main/services/ssh/host-id';
import { preferredHostKeyAlgorithms } from '../../../../../src-main/services/ssh/host-key';

const VM = '/subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/Jump1';
const BASTION = '/subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/bastionHosts/bas';

describe('host ids', () => {
  it('uses the known_hosts forms for direct and IP-connect routes', () => {
    expect(openSshHostToken('Jump.Example', 22)).toBe('jump.example');
    expect(openSshHostToken('10.0.2.4', 2222)).toBe('[10.0.2.4]:2222');
    expect(hostIdsFor({ kind: 'direct', host: '10.0.2.4', port: 22 })).toEqual(['10.0.2.4']);
    expect(hostIdsFor({ kind: 'bastion-ip', bastionId: BASTION, targetIp: '10.0.2.4', port: 22 })).toEqual(['10.0.2.4']);
  });

  it('names a Bastion route after the target resource (case-insensitive), and adds the VM id for Azure-seeded keys', () => {
    expect(hostIdsFor({ kind: 'bastion', bastionId: BASTION, targetResourceId: VM, port: 22 })).toEqual([azureHostId(VM)]);
    expect(azureHostId(VM)).toBe(`azure-vm:${VM.toLowerCase()}`);
    expect(azureHostId(VM, 2200)).toBe(`azure-vm:${VM.toLowerCase()}#2200`);
    expect(hostIdsFor({ kind: 'direct', host: '10.0.2.4', port: 22 }, VM)).toEqual(['10.0.2.4', azureHostId(VM)]);
  });

  it('prefers the host-key algorithms of keys already trusted, as OpenSSH does', () => {
    expect(preferredHostKeyAlgorithms([])[0]).toBe('ssh-ed25519');
    expect(preferredHostKeyAlgorithms(['ssh-rsa']).slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(preferredHostKeyAlgorithms(['ecdsa-sha2-nistp256'])[0]).toBe('ecdsa-sha2-nistp256');
    expect(new Set(preferredHostKeyAlgorithms(['ssh-rsa'])).size).toBe(preferredHostKeyAlgorithms(['ssh-rsa']).length);
  });
});
