/**
 * The data flow of every access path, hop by hop, as scenarios.md describes it. Each hop names the
 * checklist checks that prove it works, matched by the check's id or title, so the diagram can
 * colour a hop by its checks' results and jump to their evidence and fix.
 */
import type { PathIdValue } from './types';

/** The kinds of hop a path can cross. */
export type HopKind =
  | 'paw'
  | 'internet'
  | 'authorized-ips'
  | 'portal'
  | 'cloud-shell'
  | 'bastion'
  | 'jit'
  | 'customer-edge'
  | 'vpn-gateway'
  | 'msee'
  | 'er-gateway'
  | 'public-ip-nsg'
  | 'jumpbox'
  | 'avd'
  | 'aci'
  | 'dns'
  | 'peering'
  | 'private-endpoint'
  | 'arm'
  | 'command-pod'
  | 'api-server';

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

// First match wins, so the more specific patterns come first.
const HOP_PATTERNS: ReadonlyArray<readonly [HopKind, RegExp]> = [
  ['jit', /\bjit\b|just.in.time/i],
  ['bastion', /bastion/i],
  ['authorized-ips', /authori[sz]ed|egress/i],
  ['peering', /peering|gateway.transit/i],
  ['msee', /circuit|msee/i],
  ['er-gateway', /express.?route/i],
  ['vpn-gateway', /vpn/i],
  ['private-endpoint', /private.endpoint|a.record/i],
  ['dns', /dns|zone|resolv/i],
  ['public-ip-nsg', /nsg|security.group|public.ip|inbound/i],
  ['command-pod', /run.?command|command.invoke|headroom|capacity|node.?pool/i],
  ['jumpbox', /jump|ssh.key|key.placement|availability|not.an?.aks.node|\bnode\b|\bvm\b/i],
  ['api-server', /api.?server|healthz|readyz|tcp.?443|private.cluster|public.fqdn|fqdn/i],
];

/** The hop a check belongs to, from its id and title; undefined when no hop claims it. */
export function hopForCheck(checkId: string, title = ''): HopKind | undefined {
  const text = `${checkId} ${title}`;
  return HOP_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * Places a check on a hop of this flow: its own hop when the flow has it; NSG checks land on the
 * jump box when the flow has no public-IP hop; anything else unplaced.
 */
export function placeCheck(flow: ScenarioFlow, checkId: string, title = ''): HopKind | undefined {
  const hop = hopForCheck(checkId, title);
  if (!hop) return undefined;
  if (flow.hops.includes(hop)) return hop;
  if (hop === 'public-ip-nsg' && flow.hops.includes('jumpbox')) return 'jumpbox';
  if (hop === 'jit' && flow.hops.includes('jumpbox')) return 'jumpbox';
  if ((hop === 'msee' || hop === 'er-gateway') && flow.hops.includes('er-gateway')) return 'er-gateway';
  if (hop === 'private-endpoint' && flow.hops.includes('dns')) return 'dns';
  if (hop === 'command-pod' && flow.hops.includes('api-server')) return 'api-server';
  return undefined;
}
