import type { BastionHost, VirtualNetwork, VirtualNetworkGateway } from '@azure/arm-network';
import type { z } from 'zod';
import type { JitSource, PathId } from '../../ipc/contract/azure';
import { isIp, parseResourceId, sameId, vnetIdOfSubnet } from '../azure-model';
import type { WorkstationProbe } from '../workstation';

/** Where a JIT rule's source comes from on one path, with a code and values the renderer words. */
export type JitSourceChoice = z.output<typeof JitSource>;

/** What the choice is made from; each fact is null when unknown. */
export interface JitSourceFacts {
  readonly path: z.output<typeof PathId>;
  /** `AzureBastionSubnet`'s prefix of the path's Bastion, read from ARM, and that Bastion's name. */
  readonly bastionSubnet: { readonly prefix: string; readonly bastion: string } | null;
  readonly bastionName: string | null;
  /** The address the OS would send from to the jump box's private IP, and over which interface. */
  readonly workstation: { readonly address: string; readonly interface: string; readonly target: string } | null;
  /** The P2S VPN gateway's client address pool. */
  readonly vpnPool: { readonly prefix: string; readonly gateway: string } | null;
  readonly egressIp: string | null;
}

/**
 * The source a JIT rule must allow so this path's connection gets in. Through Bastion the jump box sees
 * the Bastion's private addresses in `AzureBastionSubnet` (Bastion's docs ask target NSGs to allow that
 * range), never the operator's public IP. Over VPN/ExpressRoute it sees the workstation's private
 * address (no NAT on those links), else the VPN client pool. Directly it sees the egress IP.
 */
export function chooseJitSource(f: JitSourceFacts): JitSourceChoice {
  if (f.path === 'bastion-jumpbox' || f.path === 'bastion-apiserver') {
    if (f.bastionSubnet) return { source: f.bastionSubnet.prefix, code: 'bastion-subnet', params: { prefix: f.bastionSubnet.prefix, bastion: f.bastionSubnet.bastion } };
    return { source: null, code: 'bastion-subnet-unknown', params: { bastion: f.bastionName ?? '—' } };
  }
  if (f.path === 'vpn' || f.path === 'expressroute') {
    if (f.workstation) return { source: f.workstation.address, code: 'workstation-private', params: { ip: f.workstation.address, interface: f.workstation.interface, target: f.workstation.target } };
    if (f.path === 'vpn' && f.vpnPool) return { source: f.vpnPool.prefix, code: 'vpn-client-pool', params: { prefix: f.vpnPool.prefix, gateway: f.vpnPool.gateway } };
    return { source: null, code: f.path === 'vpn' ? 'vpn-unknown' : 'on-premises-unknown', params: {} };
  }
  if (f.egressIp) return { source: f.egressIp, code: 'egress-ip', params: { ip: f.egressIp } };
  return { source: null, code: 'egress-unknown', params: {} };
}

/** The ARM reads behind the Bastion and VPN facts (ArmService has them). */
export interface JitSourceArm {
  listBastions(subscriptionId: string): Promise<BastionHost[]>;
  getVnet(vnetId: string): Promise<VirtualNetwork>;
  listGateways(subscriptionId: string, resourceGroup: string): Promise<VirtualNetworkGateway[]>;
}

/** `AzureBastionSubnet`'s prefix of one Bastion host: its ipConfigurations → subnet → the VNet's subnet `addressPrefix`. */
export async function bastionSubnetPrefix(arm: JitSourceArm, bastionId: string): Promise<string | null> {
  const id = parseResourceId(bastionId);
  if (!id) return null;
  const host = (await arm.listBastions(id.subscriptionId)).find((b) => sameId(b.id, bastionId));
  const subnetId = host?.ipConfigurations?.find((c) => c.subnet?.id)?.subnet?.id;
  const vnetId = vnetIdOfSubnet(subnetId);
  if (!subnetId || !vnetId) return null;
  const subnet = (await arm.getVnet(vnetId)).subnets?.find((s) => sameId(s.id, subnetId));
  return subnet?.addressPrefix ?? subnet?.addressPrefixes?.[0] ?? null;
}

/** The client address pool of a P2S VPN gateway, read from ARM. */
export async function vpnClientPool(arm: JitSourceArm, gatewayId: string): Promise<string | null> {
  const id = parseResourceId(gatewayId);
  if (!id?.resourceGroup) return null;
  const gateway = (await arm.listGateways(id.subscriptionId, id.resourceGroup)).find((g) => sameId(g.id, gatewayId));
  return gateway?.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes?.[0] ?? null;
}

/** The workstation's own address toward `target` as the OS routes it; null when there is no route or no source address. */
export async function workstationAddress(probe: WorkstationProbe, target: string): Promise<{ address: string; interface: string; target: string } | null> {
  const route = await probe.route(target);
  return route?.source && isIp(route.source) ? { address: route.source, interface: route.interface, target } : null;
}
