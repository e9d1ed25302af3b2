/**
 * The data flow of every access path, hop by hop, as scenarios.md describes it. Each check declares
 * the hops it proves (main sends them with the check), so the diagram can colour a hop by its
 * checks' results and jump to their evidence and fix; nothing is inferred from a check's wording.
 */
import type { CheckResultValue, PathIdValue } from './types';

/** The kinds of hop a path can cross, as the contract declares them (checks name the same kinds). */
export type HopKind = CheckResultValue['hops'][number];

/** One link between two hops, labelled with what travels over it. */
export type EdgeLabel = 'tls443' | 'ssh22' | 'ipsec' | 'bgp' | 'private' | 'https' | 'vnet' | 'rdp';

/** One path's flow: hops in order and the label of the edge leading into each hop after the first. */
export interface ScenarioFlow {
  readonly scenario: string;
  readonly hops: readonly HopKind[];
  readonly edges: readonly EdgeLabel[];
}

const PRIVATE_TAIL: readonly HopKind[] = ['dns', 'peering', 'private-endpoint', 'api-server'];
const PRIVATE_TAIL_EDGES: readonly EdgeLabel[] = ['vnet', 'vnet', 'private', 'tls443'];

/** Every path of the contract and its flow. */
export const SCENARIO_FLOWS: Record<PathIdValue, ScenarioFlow> = {
  'public-internet': { scenario: 'S1', hops: ['paw', 'internet', 'authorized-ips', 'api-server'], edges: ['https', 'https', 'tls443'] },
  'cloud-shell': { scenario: 'S2', hops: ['paw', 'portal', 'cloud-shell', 'internet', 'api-server'], edges: ['https', 'https', 'https', 'tls443'] },
  'bastion-jumpbox': {
    scenario: 'S3',
    hops: ['paw', 'bastion', 'jit', 'jumpbox', ...PRIVATE_TAIL],
    edges: ['tls443', 'ssh22', 'ssh22', ...PRIVATE_TAIL_EDGES],
  },
  'bastion-apiserver': { scenario: 'S3+', hops: ['paw', 'bastion', 'private-endpoint', 'api-server'], edges: ['tls443', 'private', 'tls443'] },
  vpn: {
    scenario: 'S4',
    hops: ['paw', 'customer-edge', 'vpn-gateway', 'jumpbox', ...PRIVATE_TAIL],
    edges: ['private', 'ipsec', 'ssh22', ...PRIVATE_TAIL_EDGES],
  },
  expressroute: {
    scenario: 'S5',
    hops: ['paw', 'customer-edge', 'msee', 'er-gateway', 'jumpbox', ...PRIVATE_TAIL],
    edges: ['private', 'bgp', 'private', 'ssh22', ...PRIVATE_TAIL_EDGES],
  },
  'command-invoke': { scenario: 'S6', hops: ['paw', 'arm', 'command-pod', 'api-server'], edges: ['tls443', 'private', 'private'] },
  'cloud-shell-vnet': { scenario: 'S7', hops: ['paw', 'portal', 'cloud-shell', ...PRIVATE_TAIL], edges: ['https', 'https', ...PRIVATE_TAIL_EDGES] },
  'ssh-jumpbox': {
    scenario: 'S8',
    hops: ['paw', 'internet', 'public-ip-nsg', 'jumpbox', ...PRIVATE_TAIL],
    edges: ['ssh22', 'ssh22', 'ssh22', ...PRIVATE_TAIL_EDGES],
  },
  avd: { scenario: 'AVD', hops: ['paw', 'avd', 'jumpbox', ...PRIVATE_TAIL], edges: ['tls443', 'rdp', ...PRIVATE_TAIL_EDGES] },
  'aci-ssh': { scenario: 'ACI', hops: ['paw', 'portal', 'aci', ...PRIVATE_TAIL], edges: ['https', 'ssh22', ...PRIVATE_TAIL_EDGES] },
};

/** The hop of this flow a check sits on: the first of the check's declared hops that the flow crosses. */
export function placeCheck(flow: ScenarioFlow, hops: readonly HopKind[]): HopKind | undefined {
  return hops.find((hop) => flow.hops.includes(hop));
}
