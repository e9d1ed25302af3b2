import { parseResourceId, sameId } from '../azure-model';
import type { VirtualMachine } from '@azure/arm-compute';
import type { NetworkInterface, PublicIPAddress } from '@azure/arm-network';

/** The parts of ARM the address lookup reads (ArmService has them; named here so JIT needs nothing from the Azure area). */
export interface VmAddressReader {
  getVm(vmId: string): Promise<VirtualMachine>;
  getNic(nicId: string): Promise<NetworkInterface>;
  listPublicIps(subscriptionId: string): Promise<PublicIPAddress[]>;
}

/**
 * Every private and public address of a VM as Azure reports it (all NICs, all IP configurations),
 * so the JIT guard can check that a direct route goes to the VM it names.
 */
export function armVmAddresses(arm: VmAddressReader): (vmId: string) => Promise<string[]> {
  return async (vmId) => {
    const vm = await arm.getVm(vmId);
    const nicIds = (vm.networkProfile?.networkInterfaces ?? []).map((n) => n.id).filter((id): id is string => !!id);
    const configs = (await Promise.all(nicIds.map((id) => arm.getNic(id)))).flatMap((nic) => nic.ipConfigurations ?? []);
    const pipIds = configs.map((c) => c.publicIPAddress?.id).filter((id): id is string => !!id);
    const subscription = parseResourceId(vmId)?.subscriptionId ?? '';
    const pips = pipIds.length > 0 ? await arm.listPublicIps(subscription) : [];
    const publicAddresses = pipIds.map((id) => pips.find((p) => sameId(p.id, id))?.ipAddress);
    return [...configs.map((c) => c.privateIPAddress), ...publicAddresses].filter((a): a is string => !!a);
  };
}
