import { expect } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { NetworkSecurityGroup, VirtualNetwork } from '@azure/arm-network';
import type { VirtualMachine } from '@azure/arm-compute';
import type { ClusterFactsLoader } from '../../../../../src-main/services/azure/cluster-facts';
import type { Topology } from '../../../../../src-main/services/azure-model/topology-types';
import type { CheckContext, PathName } from '../../../../../src-main/services/checklist/check';
import type { JumpBoxProbe } from '../../../../../src-main/services/azure-model/jump-box-probe';
import { sameId } from '../../../../../src-main/services/azure-model/arm-ids';
import { ids, privateTopology } from '../access-paths/topology-fixture';

/** What a unit test can set; the rest comes from the healthy private topology. */
export interface FakeInput {
  topology?: Topology;
  path?: PathName;
  operatorIp?: string | null;
  privateKeyPath?: string | null;
  probe?: JumpBoxProbe | null;
  managedCluster?: ManagedCluster;
  nsgs?: Record<string, NetworkSecurityGroup>;
  vnets?: Record<string, VirtualNetwork>;
  vm?: VirtualMachine;
  powerState?: string;
  vpnPool?: string;
  /** The operator's object id and the role assignments ARM lists for it (the reader-role check). */
  roles?: { oid: string; assignments: Array<{ roleDefinitionId: string; scope: string }> };
}

/** A CheckContext over hand-built facts (no network). */
export function fakeContext(input: FakeInput = {}): CheckContext {
  const t = input.topology ?? privateTopology();
  const vm: VirtualMachine = input.vm ?? { id: ids.jump, name: 'vm-jump', location: 'japaneast', osProfile: { adminUsername: 'azureuser', linuxConfiguration: { ssh: { publicKeys: [] } } } };
  const facts = {
    summary: async () => t.cluster,
    managedCluster: async () => input.managedCluster ?? ({ id: t.cluster.id, name: t.cluster.name, location: 'japaneast', agentPoolProfiles: [{ name: 'nodepool1', count: 3, vmSize: 'Standard_D4s_v5', provisioningState: 'Succeeded', powerState: { code: 'Running' } }] } as ManagedCluster),
    nsg: async (id: string) => {
      const hit = Object.entries(input.nsgs ?? {}).find(([k]) => sameId(k, id));
      if (!hit) throw Object.assign(new Error(`network security group ${id.split('/').at(-1)} was not found`), { name: 'AppError', code: 'azure.not_found' });
      return hit[1];
    },
    vnet: async (id: string) => input.vnets?.[id] ?? { id, subnets: [{ name: 'AzureBastionSubnet', addressPrefix: '10.0.1.0/26' }] },
    instanceView: async () => ({ statuses: [{ code: `PowerState/${input.powerState ?? 'running'}` }] }),
    gateways: async () => t.gateways.map((g) => ({ ...g, vpnClientConfiguration: input.vpnPool ? { vpnClientAddressPool: { addressPrefixes: [input.vpnPool] } } : undefined })),
    arm: { roles: { operatorOid: async () => input.roles?.oid ?? '00000000-0000-4000-8000-000000000001', assignedTo: async () => input.roles?.assignments ?? [] } },
    jumpBoxes: async () => t.jumpBoxes.map((j) => ({ vm: sameId(j.id, vm.id) ? vm : { id: j.id }, id: j.id, name: j.name, nic: null, subnetId: j.subnetId, vnetId: j.vnetId, privateIp: j.privateIp, publicIp: j.publicIp, nicNsgId: j.nicNsgId, subnetNsgId: j.subnetNsgId, isAksNode: j.isAksNode })),
  } as unknown as ClusterFactsLoader;
  const path = input.path ?? 'bastion-jumpbox';
  return {
    facts,
    path,
    operatorIp: input.operatorIp === undefined ? '203.0.113.10' : input.operatorIp,
    privateKeyPath: input.privateKeyPath ?? null,
    probe: input.probe ?? null,
    portal: 'https://portal.azure.com',
    signal: new AbortController().signal,
    topology: async () => t,
    async jumpBox() {
      const view = t.jumpBoxes.find((j) => !j.isAksNode) ?? t.jumpBoxes[0];
      if (!view) return null;
      const all = await (facts as unknown as { jumpBoxes(): Promise<Array<{ id: string }>> }).jumpBoxes();
      return { view, facts: all.find((j) => sameId(j.id, view.id)) as never };
    },
    bastion: async () => t.bastions[0] ?? null,
  };
}

/** Main's English of a check's evidence or fix steps, as one string to search. */
export function words(lines: ReadonlyArray<{ text: string }>): string {
  return lines.map((l) => l.text).join(' ');
}

/** A matcher for one coded line: its code and (some of) its params. */
export function coded(code: string, params: Record<string, string> = {}): unknown {
  return expect.objectContaining({ code, params: expect.objectContaining(params) });
}

/** A matcher for a line whose English contains `text`. */
export function saying(text: string): unknown {
  return expect.objectContaining({ text: expect.stringContaining(text) });
}
