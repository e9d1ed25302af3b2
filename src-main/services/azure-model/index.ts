/**
 * The Azure model every area shares: resource ids, the topology shape, CIDR maths and the jump-box
 * probe port. It sits below every other service area and imports none of them (the contract only).
 */
export { nameOf, type ParsedResourceId, parseResourceId, requireResourceId, sameId, vnetIdOfSubnet } from './arm-ids';
export { cidrWithin, ipInRange, ipInRanges, isIp } from './cidr';
export type { JumpBoxProbe, JumpBoxTarget } from './jump-box-probe';
export type { DetailedTopology, Topology, TopologyPart } from './topology-types';
