import { describe, expect, it } from 'vitest';
import { tokenResourceId, tunnelModeFor } from '../../../../../src-main/services/bastion/host-policy';
import type { BastionHost, BastionTarget } from '../../../../../src-main/services/bastion/bastion-types';

const host: BastionHost = {
  id: '/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub',
  name: 'bas-hub',
  sku: 'Standard',
  dnsName: 'bst-1.bastion.azure.com',
  enableTunneling: true,
  enableIpConnect: false,
};
const vm: BastionTarget = { kind: 'resource', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm-jump', port: 22 };
const vmss: BastionTarget = { kind: 'resource', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachineScaleSets/ss/virtualMachines/3', port: 22 };
const cluster: BastionTarget = { kind: 'resource', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/aks', port: 443 };

describe('tunnelModeFor', () => {
  it('accepts Standard and Premium with tunneling for VM, VMSS instance and managed cluster targets', () => {
    for (const target of [vm, vmss, cluster]) {
      expect(tunnelModeFor(host, target)).toBe('standard');
      expect(tunnelModeFor({ ...host, sku: 'Premium' }, target)).toBe('standard');
    }
  });

  it.each([
    [{ sku: 'Basic' }, vm, 'bastion.sku_unsupported'],
    [{ sku: 'QuickConnect' }, vm, 'bastion.sku_unsupported'],
    [{ sku: 'SomethingNew' }, vm, 'bastion.sku_unsupported'],
    [{ enableTunneling: false }, vm, 'bastion.tunneling_disabled'],
    [{}, { kind: 'ip', ip: '10.0.0.4', port: 22 }, 'bastion.ip_connect_disabled'],
    [{ enableIpConnect: true }, { kind: 'ip', ip: '10.0.0.4', port: 8080 }, 'bastion.ip_connect_port'],
    [{ enableIpConnect: true }, { kind: 'ip', ip: 'not-an-ip', port: 22 }, 'bastion.invalid_target'],
    [{}, { kind: 'resource', resourceId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/x', port: 22 }, 'bastion.invalid_target'],
    [{}, { ...vm, port: 70000 }, 'bastion.invalid_target'],
    [{ sku: 'Developer' }, cluster, 'bastion.sku_unsupported'],
    [{ sku: 'Developer' }, { ...vm, port: 3389 }, 'bastion.sku_unsupported'],
    [{ dnsName: '' }, vm, 'bastion.no_endpoint'],
  ] as const)('refuses %o with %o as %s', (patch, target, code) => {
    expect(() => tunnelModeFor({ ...host, ...patch } as BastionHost, target as BastionTarget)).toThrow(expect.objectContaining({ code }));
  });

  it('takes the Developer path for SSH to a VM, even with tunneling unset', () => {
    expect(tunnelModeFor({ ...host, sku: 'Developer', enableTunneling: false }, vm)).toBe('developer');
  });
});

describe('tokenResourceId', () => {
  it('sends resource targets as they are and builds the bh-hostConnect id for IP connect in the Bastion resource group', () => {
    expect(tokenResourceId(host, cluster)).toBe((cluster as { resourceId: string }).resourceId);
    expect(tokenResourceId(host, { kind: 'ip', ip: '10.1.2.3', port: 22 })).toBe('/subscriptions/sub-1/resourceGroups/rg-hub/providers/Microsoft.Network/bh-hostConnect/10.1.2.3');
  });
});
