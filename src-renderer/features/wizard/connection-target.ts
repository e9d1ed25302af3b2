/**
 * Turns a path, its topology and the operator's login into the contract's SSH target and tunnel
 * requests. Pure, so what the console will connect to can be unit-tested and shown before it acts.
 */
import type { InvokeRequest } from '../../../src-main/ipc/contract';
import type { ClusterValue, RankedPathValue, TopologyValue } from './types';

/** The SSH target of `ssh.open`. */
export type SshTargetValue = InvokeRequest<'ssh.open'>['target'];
/** How the SSH client proves who it is. */
export type SshAuthValue = SshTargetValue['auth'];
/** The `via` of `tunnels.open`. */
export type TunnelViaValue = InvokeRequest<'tunnels.open'>['via'];

/** The jump box a path goes through, when it has one and the topology knows it. */
export function jumpBoxOf(path: RankedPathValue, topology: TopologyValue | undefined) {
  if (!path.jumpBoxId || !topology) return undefined;
  return topology.jumpBoxes.find((j) => j.id.toLowerCase() === path.jumpBoxId?.toLowerCase());
}

/** The Bastion host a path goes through. */
export function bastionOf(path: RankedPathValue, topology: TopologyValue | undefined) {
  if (!path.bastionId || !topology) return undefined;
  return topology.bastions.find((b) => b.id.toLowerCase() === path.bastionId?.toLowerCase());
}

/** Where SSH to the jump box goes for this path; undefined when the facts needed are missing. */
export function jumpBoxRoute(path: RankedPathValue, topology: TopologyValue | undefined): SshTargetValue['route'] | undefined {
  const jump = jumpBoxOf(path, topology);
  if (path.id === 'bastion-jumpbox' && path.bastionId && path.jumpBoxId) {
    return { kind: 'bastion', bastionId: path.bastionId, targetResourceId: path.jumpBoxId, port: 22 };
  }
  if ((path.id === 'vpn' || path.id === 'expressroute') && jump?.privateIp) return { kind: 'direct', host: jump.privateIp, port: 22 };
  if (path.id === 'ssh-jumpbox' && jump?.publicIp) return { kind: 'direct', host: jump.publicIp, port: 22 };
  return undefined;
}

/** The full SSH target for a login. */
export function sshTarget(path: RankedPathValue, topology: TopologyValue | undefined, username: string, auth: SshAuthValue): SshTargetValue | undefined {
  const route = jumpBoxRoute(path, topology);
  if (!route) return undefined;
  return { route, username, auth, ...(path.jumpBoxId ? { vmResourceId: path.jumpBoxId } : {}) };
}

/** The tunnel to the API server for this path: straight through Bastion, or an SSH forward via the jump box. */
export function apiServerTunnel(
  cluster: ClusterValue,
  path: RankedPathValue,
  topology: TopologyValue | undefined,
  login: { username: string; auth: SshAuthValue } | undefined,
): TunnelViaValue | undefined {
  if (path.id === 'bastion-apiserver' && path.bastionId) return { kind: 'bastion', bastionId: path.bastionId, targetResourceId: cluster.id, port: 443 };
  const fqdn = cluster.privateFqdn ?? cluster.fqdn;
  if (!login || !fqdn) return undefined;
  const target = sshTarget(path, topology, login.username, login.auth);
  return target ? { kind: 'ssh', target, remoteHost: fqdn, remotePort: 443 } : undefined;
}

/** A tunnel or context name derived from a resource name, fitting the contract's pattern. */
export function safeName(base: string, suffix: string, max = 64): string {
  const cleaned = `${base}-${suffix}`.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return (cleaned || `cluster-${suffix}`).slice(0, max);
}
