/**
 * Just-In-Time access before SSH. core.ts builds one `JitGuard` (policy `ssh.requireJitBeforeSsh`,
 * the console's own granted requests from `AzureService.requestJit`, then ARM's JIT policy
 * `requests`) and hands it to the session manager as its `AccessGuard`.
 */
export { ArmJitGrants, JitGrantLedger, type JitGrant, type JitGrantSource, type JitPolicyReader } from './jit-grants';
export { JitGuard, vmPortOf, type JitGuardDeps } from './jit-guard';
export { armVmAddresses, type VmAddressReader } from './vm-addresses';
export { jitGuardOverArm } from './jit-guard-over-arm';
