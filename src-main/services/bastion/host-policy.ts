import ipaddr from 'ipaddr.js';
import { AppError } from '../errors';
import type { BastionHost, BastionTarget } from './bastion-types';

/** How a tunnel is negotiated: Standard/Premium via `webtunnelv2`, Developer via a data pod and `/omni/webtunnel/`. */
export type TunnelMode = 'standard' | 'developer';

const SEGMENT = '[^/\\s]+';
const RG = `/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/providers/`;
const TARGET_ID_PATTERNS = [
  new RegExp(`^${RG}Microsoft\\.Compute/virtualMachines/${SEGMENT}$`, 'i'),
  new RegExp(`^${RG}Microsoft\\.Compute/virtualMachineScaleSets/${SEGMENT}/virtualMachines/${SEGMENT}$`, 'i'),
  new RegExp(`^${RG}Microsoft\\.ContainerService/managedClusters/${SEGMENT}$`, 'i'),
];
const MANAGED_CLUSTER = /\/providers\/Microsoft\.ContainerService\/managedClusters\//i;
const BASTION_ID = new RegExp(`^/subscriptions/(${SEGMENT})/resourceGroups/(${SEGMENT})/providers/Microsoft\\.Network/bastionHosts/${SEGMENT}$`, 'i');

/** True for a VM, VMSS instance or managed cluster id (the targets Bastion tunnels to). */
export function isTunnelTargetId(resourceId: string): boolean {
  return TARGET_ID_PATTERNS.some((pattern) => pattern.test(resourceId));
}

/** Validates a target before any network call; throws a plain AppError. */
export function assertValidTarget(target: BastionTarget): void {
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new AppError('bastion.invalid_target', `Port ${String(target.port)} is not a valid TCP port.`);
  }
  if (target.kind === 'resource' && !isTunnelTargetId(target.resourceId)) {
    throw new AppError('bastion.invalid_target', 'The target must be the resource ID of a virtual machine, a VM scale set instance or an AKS cluster.');
  }
  if (target.kind === 'ip' && !ipaddr.isValid(target.ip)) {
    throw new AppError('bastion.invalid_target', `"${target.ip.slice(0, 64)}" is not an IP address.`);
  }
}

/**
 * Decides whether this Bastion can carry this tunnel, with the reason in plain words when it cannot
 * (the checks the Azure CLI makes, §1.2 of the protocol note).
 */
export function tunnelModeFor(host: BastionHost, target: BastionTarget): TunnelMode {
  assertValidTarget(target);
  const sku = host.sku;
  if (sku === 'Developer') {
    if (target.kind !== 'resource' || MANAGED_CLUSTER.test(target.resourceId) || target.port !== 22) {
      throw new AppError('bastion.sku_unsupported', `Bastion ${host.name} is the Developer SKU, which only offers SSH (port 22) to a virtual machine. Tunnels to other ports, IP addresses or AKS clusters need Standard or Premium with native client support.`, { params: { bastion: host.name } });
    }
    return 'developer';
  }
  if (sku !== 'Standard' && sku !== 'Premium') {
    throw new AppError('bastion.sku_unsupported', `Bastion ${host.name} is the ${sku} SKU; native client tunnels need Standard or Premium with native client support enabled.`, { params: { bastion: host.name } });
  }
  if (!host.enableTunneling) {
    throw new AppError('bastion.tunneling_disabled', `Native client support (tunneling) is turned off on Bastion ${host.name}. Turn it on in the Bastion's configuration (az network bastion update --enable-tunneling true).`, { params: { bastion: host.name } });
  }
  if (target.kind === 'ip') {
    if (!host.enableIpConnect) {
      throw new AppError('bastion.ip_connect_disabled', `IP-based connection is turned off on Bastion ${host.name}; connect by the VM's resource ID, or turn on "IP-based connection".`, { params: { bastion: host.name } });
    }
    if (target.port !== 22 && target.port !== 3389) {
      throw new AppError('bastion.ip_connect_port', 'IP-based connection through Bastion only allows ports 22 and 3389.');
    }
  }
  if (!host.dnsName) throw new AppError('bastion.no_endpoint', `Bastion ${host.name} has no DNS name yet; it may still be deploying.`, { params: { bastion: host.name } });
  return 'standard';
}

/** The `resourceId` field sent to `/api/tokens`: the target id, or the synthetic `bh-hostConnect` id for IP connect. */
export function tokenResourceId(host: BastionHost, target: BastionTarget): string {
  if (target.kind === 'resource') return target.resourceId;
  const match = BASTION_ID.exec(host.id);
  if (!match) throw new AppError('bastion.invalid_target', `The Bastion resource ID of ${host.name} is malformed.`);
  return `/subscriptions/${match[1]}/resourceGroups/${match[2]}/providers/Microsoft.Network/bh-hostConnect/${target.ip}`;
}
