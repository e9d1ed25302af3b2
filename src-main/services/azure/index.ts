/** The Azure layer: ARM service, inventory, topology and command invoke (what sibling services may use). */
export { statusOf, toArmAppError } from './arm-errors';
export type { ArmService } from './arm-service';
export { type ArmSubject, subject, subjectParams } from './arm-subject';
export { pinnedHttpClient } from './arm-transport';
export type { AzureConfig } from './azure-config';
export type { AzureLayer } from './azure-layer';
export { ClusterFactsLoader, type JumpBoxFacts } from './cluster-facts';
export type { EgressIpResolver } from './egress-ip';
export { resolveTopologyDetailed } from './topology';
