import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError, isAppError } from '../errors';
import type { Logger } from '../log';
import type { AccessGuard, OpenRequest } from '../sessions';
import type { SshTargetValue } from '../ssh';
import type { JitGrantSource } from './jit-grants';

const VM_ID = /\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i;

/** The VM port a request reaches, null when it reaches no VM (a Bastion tunnel to a managed cluster), 'unknown' when it cannot tell. */
export function vmPortOf(request: OpenRequest): { vmId: string; port: number } | null | 'unknown' {
  const reach = vmReachOf(request);
  return reach === null || reach === 'unknown' ? reach : { vmId: reach.vmId, port: reach.port };
}

/** A VM port, with the host the connection really goes to when the VM id is only the renderer's word for it. */
interface VmReach {
  readonly vmId: string;
  readonly port: number;
  /** Set for direct and Bastion IP-connect routes: the address that must belong to `vmId`. */
  readonly namedHost?: string;
}

function vmReachOf(request: OpenRequest): VmReach | null | 'unknown' {
  const ofTarget = (target: SshTargetValue): VmReach | 'unknown' => {
    const route = target.route;
    // Through Bastion to a resource, the resource IS the VM; otherwise the target names it (or not).
    if (route.kind === 'bastion' && VM_ID.test(route.targetResourceId)) return { vmId: route.targetResourceId, port: route.port };
    if (!target.vmResourceId) return 'unknown';
    const namedHost = route.kind === 'direct' ? route.host : route.kind === 'bastion-ip' ? route.targetIp : undefined;
    return namedHost === undefined ? { vmId: target.vmResourceId, port: route.port } : { vmId: target.vmResourceId, port: route.port, namedHost };
  };
  if (request.kind === 'session') return ofTarget(request.target);
  const via = request.via;
  if (via.kind === 'ssh') return ofTarget(via.target);
  if (via.kind === 'bastion') return VM_ID.test(via.targetResourceId) ? { vmId: via.targetResourceId, port: via.port } : null;
  return 'unknown';
}

/** Ports of the JIT guard. */
export interface JitGuardDeps {
  /** Policy `ssh.requireJitBeforeSsh`, read on every check (the safe fallback policy sets it). */
  readonly required: () => boolean;
  /** Evidence of grants, asked in order: the console's own requests first, then ARM. */
  readonly sources: readonly JitGrantSource[];
  readonly log: Logger;
  /**
   * The private and public addresses of a VM as Azure reports them. When set, a direct or IP-connect
   * route must go to one of the addresses of the VM it names, so a grant for one VM never opens another host.
   */
  readonly vmAddresses?: (vmId: string) => Promise<readonly string[]>;
  /** Resolves a host name to addresses (default: the system resolver, every address). */
  readonly resolve?: (host: string) => Promise<string[]>;
}

async function systemResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/**
 * Enforces `ssh.requireJitBeforeSsh` in main for every route that reaches a VM: SSH shells and
 * their reconnects, SSH forwards, Bastion tunnels to a VM, and kubeconfig contexts through such a
 * tunnel. Without evidence of an active JIT grant for that VM port the request is refused with a
 * `jit.*` code before anything connects; the renderer offers the JIT request.
 */
export class JitGuard implements AccessGuard {
  /** Creates the guard over its ports. */
  constructor(private readonly deps: JitGuardDeps) {}

  /** Resolves when policy does not ask for JIT or a grant is active; throws `jit.required`, `jit.vm_unknown`, `jit.vm_mismatch` or `jit.unverified`. */
  async assertMayOpen(request: OpenRequest): Promise<void> {
    if (!this.deps.required()) return;
    const reach = vmReachOf(request);
    if (reach === null) return;
    if (reach === 'unknown') {
      throw new AppError('jit.vm_unknown', 'Policy requires Just-In-Time access before SSH, and the console cannot tell which VM this connection reaches. Connect from the cluster\'s jump box so the VM is known.');
    }
    const name = reach.vmId.split('/').at(-1);
    if (reach.namedHost !== undefined) await this.assertHostIsVm(reach.namedHost, reach.vmId, name);
    for (const source of this.deps.sources) {
      try {
        if (await source.activeGrant(reach.vmId, reach.port)) return;
      } catch (error) {
        this.deps.log.warn('JIT grant lookup failed', { vm: name, code: isAppError(error) ? error.code : 'internal' });
        throw new AppError('jit.unverified', `Policy requires Just-In-Time access before SSH, and the console could not check the JIT requests of ${name}: ${isAppError(error) ? error.message : 'Azure did not answer'}.`, { cause: error, params: { vm: name ?? '' } });
      }
    }
    throw new AppError('jit.required', `Policy requires Just-In-Time access before SSH: no JIT request is active for port ${reach.port} of ${name}. Request JIT access, then connect again.`, { params: { port: String(reach.port), vm: name ?? '' } });
  }

  private async assertHostIsVm(host: string, vmId: string, name: string | undefined): Promise<void> {
    if (!this.deps.vmAddresses) return;
    let vmAddresses: readonly string[];
    try {
      vmAddresses = await this.deps.vmAddresses(vmId);
    } catch (error) {
      this.deps.log.warn('VM address lookup failed', { vm: name, code: isAppError(error) ? error.code : 'internal' });
      throw new AppError('jit.unverified', `Policy requires Just-In-Time access before SSH, and the console could not read the addresses of ${name}: ${isAppError(error) ? error.message : 'Azure did not answer'}.`, { cause: error, params: { vm: name ?? '' } });
    }
    const hostAddresses = isIP(host) ? [host] : await (this.deps.resolve ?? systemResolve)(host).catch(() => []);
    if (!hostAddresses.some((a) => vmAddresses.includes(a))) {
      throw new AppError('jit.vm_mismatch', `Policy requires Just-In-Time access before SSH, and ${host} is not an address of ${name} (the VM this connection names). Connect to the VM's own address.`, { params: { host, vm: name ?? '' } });
    }
  }
}
