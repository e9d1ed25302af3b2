import type { JitNetworkAccessPolicy } from '@azure/arm-security';
import { parseResourceId, sameId } from '../azure-model';

/** An active JIT grant: the VM port is open until `endTimeUtc`. */
export interface JitGrant {
  readonly vmId: string;
  readonly port: number;
  readonly endTimeUtc: string;
  /** Where the evidence came from: the console's own request this run, or ARM's policy `requests`. */
  readonly source: 'console' | 'arm';
}

/** Finds an active grant for one VM port; null when there is none. */
export interface JitGrantSource {
  activeGrant(vmId: string, port: number): Promise<JitGrant | null>;
}

/** The JIT requests this console made and Azure granted (status `Initiated`), with their expiry. */
export class JitGrantLedger implements JitGrantSource {
  private readonly grants: JitGrant[] = [];

  /** Creates an empty ledger reading time from `now`. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Records a grant Azure answered with `Initiated`; other states are not access. */
  record(vmId: string, port: number, status: string, endTimeUtc: string): void {
    if (status !== 'Initiated') return;
    this.grants.push({ vmId, port, endTimeUtc, source: 'console' });
  }

  /** The grant of `vmId:port` that lasts longest, if one has not ended yet. */
  async activeGrant(vmId: string, port: number): Promise<JitGrant | null> {
    const now = this.now();
    const live = this.grants.filter((g) => sameId(g.vmId, vmId) && g.port === port && Date.parse(g.endTimeUtc) > now);
    return live.sort((a, b) => Date.parse(b.endTimeUtc) - Date.parse(a.endTimeUtc))[0] ?? null;
  }
}

/** What the ARM source reads: the JIT policies of a subscription (ArmService). */
export interface JitPolicyReader {
  listJitPolicies(subscriptionId: string): Promise<JitNetworkAccessPolicy[]>;
}

/**
 * Active grants as ARM reports them: an `Initiated` port of the VM under a policy's `requests`,
 * not yet past its `endTimeUtc`, requested by the operator (when ARM and the console both name one).
 */
export class ArmJitGrants implements JitGrantSource {
  /** Reads policies through `arm`; `operator` is the signed-in user name, when known. */
  constructor(
    private readonly arm: JitPolicyReader,
    private readonly operator: () => Promise<string | null>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The latest-ending grant of `vmId:port` in the VM's subscription, or null. */
  async activeGrant(vmId: string, port: number): Promise<JitGrant | null> {
    const id = parseResourceId(vmId);
    if (!id) return null;
    const [policies, operator] = await Promise.all([this.arm.listJitPolicies(id.subscriptionId), this.operator()]);
    const ends: number[] = [];
    for (const request of policies.flatMap((p) => p.requests ?? [])) {
      if (operator && request.requestor && request.requestor.toLowerCase() !== operator.toLowerCase()) continue;
      for (const vm of request.virtualMachines.filter((v) => sameId(v.id, vmId))) {
        for (const p of vm.ports) if (p.number === port && p.status === 'Initiated') ends.push(new Date(p.endTimeUtc).getTime());
      }
    }
    const end = Math.max(...ends.filter((t) => t > this.now()), -Infinity);
    return Number.isFinite(end) ? { vmId, port, endTimeUtc: new Date(end).toISOString(), source: 'arm' } : null;
  }
}
