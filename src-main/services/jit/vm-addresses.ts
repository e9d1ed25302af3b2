import { parseResourceId, sameId } from '../azure/arm-ids';
import type { ArmService } from '../azure/arm-service';

/** The parts of ARM the address lookup reads. */
export type VmAddressReader = Pick<ArmService, 'getVm' | 'getNic' | 'listPublicIps'>;

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
