/**
 * Just-In-Time access before SSH. core.ts builds one `JitGuard` (policy `ssh.requireJitBeforeSsh`,
 * the console's own granted requests from `AzureService.requestJit`, then ARM's JIT policy
 * `requests`) and hands it to the session manager as its `AccessGuard`. `resolveJitSource` chooses
 * the source a JIT rule must allow on each path.
 */
export { ArmJitGrants, JitGrantLedger, type JitGrant, type JitGrantSource, type JitPolicyReader } from './jit-grants';
export { JitGuard, vmPortOf, type JitGuardDeps } from './jit-guard';
export { bastionSubnetPrefix, chooseJitSource, type JitSourceArm, type JitSourceChoice, type JitSourceFacts } from './jit-source';
export { resolveJitSource, type JitSourcePorts } from './jit-source-facts';
export { armVmAddresses, type VmAddressReader } from './vm-addresses';
export { jitGuardOverArm } from './jit-guard-over-arm';
