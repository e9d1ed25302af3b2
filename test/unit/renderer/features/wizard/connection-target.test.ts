import { describe, expect, it } from 'vitest';
import { apiServerTunnel, jumpBoxRoute, safeName, sshTarget } from '../../../../../src-renderer/features/wizard/connection-target';
import type { TopologyValue } from '../../../../../src-renderer/features/wizard/types';
import { ranking } from '../../support/fixtures';

const bastionPath = ranking().paths[2]!;
const jump = { id: bastionPath.jumpBoxId!, name: 'vm-jump', vnetId: null, subnetId: null, privateIp: '10.0.1.4', publicIp: '20.1.2.3', powerState: 'running', availability: 'none' as const, nicNsgId: null, subnetNsgId: null, isAksNode: false, osType: 'Linux', location: 'eastus' };
const topology = { jumpBoxes: [jump] } as unknown as TopologyValue;
const cluster = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', name: 'aks', privateFqdn: 'aks-1.privatelink.eastus.azmk8s.io', fqdn: null } as unknown as TopologyValue['cluster'];

describe('connection targets', () => {
  it('routes SSH through Bastion for S3, to the private IP for VPN, to the public IP for S8', () => {
    expect(jumpBoxRoute(bastionPath, topology)).toEqual({ kind: 'bastion', bastionId: bastionPath.bastionId, targetResourceId: jump.id, port: 22 });
    expect(jumpBoxRoute({ ...bastionPath, id: 'vpn' }, topology)).toEqual({ kind: 'direct', host: '10.0.1.4', port: 22 });
    expect(jumpBoxRoute({ ...bastionPath, id: 'ssh-jumpbox' }, topology)).toEqual({ kind: 'direct', host: '20.1.2.3', port: 22 });
    expect(jumpBoxRoute({ ...bastionPath, id: 'vpn' }, undefined)).toBeUndefined();
  });

  it('carries the VM id so a host key from Azure can verify first contact', () => {
    expect(sshTarget(bastionPath, topology, 'azureuser', { method: 'agent' })?.vmResourceId).toBe(jump.id);
  });

  it('tunnels the API server straight through Bastion, or forwards to the private FQDN through the jump box', () => {
    expect(apiServerTunnel(cluster, { ...bastionPath, id: 'bastion-apiserver' }, topology, undefined)).toEqual({ kind: 'bastion', bastionId: bastionPath.bastionId, targetResourceId: cluster.id, port: 443 });
    expect(apiServerTunnel(cluster, bastionPath, topology, { username: 'ops', auth: { method: 'agent' } })).toMatchObject({ kind: 'ssh', remoteHost: 'aks-1.privatelink.eastus.azmk8s.io', remotePort: 443 });
    expect(apiServerTunnel(cluster, bastionPath, topology, undefined)).toBeUndefined();
  });

  it('makes names that fit the contract pattern', () => {
    expect(safeName('aks prod/東京', 'api')).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    expect(safeName('-x', 'api')).toBe('x-api');
  });
});
