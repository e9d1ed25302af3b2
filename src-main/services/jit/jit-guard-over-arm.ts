import type { Logger } from '../log';
import { ArmJitGrants, type JitGrantSource, type JitPolicyReader } from './jit-grants';
import { JitGuard } from './jit-guard';
import { armVmAddresses, type VmAddressReader } from './vm-addresses';

/**
 * The JIT guard the sessions ask before SSH: policy says whether it is required (read each time);
 * grants are the console's own (`ledger`) first, then ARM's JIT requests by `operator`; a direct
 * route must go to an address ARM reports for the VM it names.
 */
export function jitGuardOverArm(deps: { required: () => boolean; ledger: JitGrantSource; arm: JitPolicyReader & VmAddressReader; operator: () => Promise<string | null>; log: Logger }): JitGuard {
  const { required, ledger, arm, operator, log } = deps;
  return new JitGuard({ required, sources: [ledger, new ArmJitGrants(arm, operator)], vmAddresses: armVmAddresses(arm), log: log.child('jit') });
}
