import type { z } from 'zod';
import type { Tenant } from '../../ipc/contract/azure';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { probeWorkstationReach, rankPaths, withWorkstationReach, type Path, type Preferences } from '../access-paths';
import { parseResourceId, sameId, type Topology } from '../azure-model';
import type { AksCommandResult } from './arm-commands';
import { commandIdentity, type ClusterCredential, type CommandRunAs } from './command-identity';
import { commandContext, type AttachedFileInput } from './attached-files';
import type { ArmService } from './arm-service';
import { ClusterFactsLoader } from './cluster-facts';
import { DiscoveryService, type Inventory } from './discovery-service';
import type { EgressIpResolver } from './egress-ip';
import { resolveTopology } from './topology';
import { resolveJitSource, type JitSourceChoice } from '../jit';
import { systemWorkstationProbe, type WorkstationProbe } from '../workstation';

/** What the Azure facade needs. */
export interface AzureServiceDeps {
  /** The ARM service of the current sign-in; throws `azure.signed_out` when nobody is signed in. */
  readonly arm: () => ArmService;
  /** The tenant the operator selected, if any. */
  readonly currentTenant: () => string | null;
  readonly egress: EgressIpResolver;
  readonly log: Logger;
  /** The operator's AKS token, for command invoke on managed-Entra clusters. */
  readonly clusterCredential?: ClusterCredential;
  readonly fallbackConcurrency?: number;
  /** Told of every JIT request Azure answered, so the JIT-before-SSH check knows this console's own grants. */
  readonly onJitAnswer?: (answer: { vmId: string; port: number; status: string; endTimeUtc: string }) => void;
  /** The workstation's routes and TCP reach to private addresses (default: the OS's). */
  readonly workstation?: WorkstationProbe;
}

/** The console's Azure layer as IPC uses it: inventory, topology, ranked paths, JIT and command invoke. */
export class AzureService {
  readonly discovery: DiscoveryService;

  /** Wires discovery over the ARM service. */
  constructor(private readonly deps: AzureServiceDeps) {
    this.discovery = new DiscoveryService(deps.arm, deps.log, { fallbackConcurrency: deps.fallbackConcurrency ?? 8 });
  }

  /** Tenants of the signed-in account. */
  async tenants(): Promise<Array<z.output<typeof Tenant>>> {
    const list = await this.deps.arm().listTenants();
    return list
      .filter((t) => t.tenantId)
      .map((t) => ({ tenantId: t.tenantId!, displayName: t.displayName ?? null, defaultDomain: t.defaultDomain ?? null, category: t.tenantCategory ?? null }));
  }

  /** The cluster inventory of a tenant (cached until refreshed). */
  inventory(tenantId?: string, refresh = false): Promise<Inventory> {
    return this.discovery.inventory(tenantId ?? this.deps.currentTenant(), refresh);
  }

  /** Resolves the network around one cluster now. */
  topology(clusterId: string): Promise<Topology> {
    return resolveTopology(new ClusterFactsLoader(this.deps.arm(), clusterId));
  }

  /** Ranks every access path for the cluster, with the operator's egress IP if known; VPN/ExpressRoute paths include this workstation's reach. */
  async paths(clusterId: string, preferences: Preferences = {}, operatorIp?: string): Promise<{ clusterId: string; asOf: string; operatorIp: string | null; paths: Path[] }> {
    const [topology, ip] = await Promise.all([this.topology(clusterId), operatorIp ? Promise.resolve(operatorIp) : this.deps.egress.resolve().catch(() => null)]);
    const ranked = rankPaths(topology, preferences, ip);
    const reach = await probeWorkstationReach(topology, ranked, this.workstation());
    return { clusterId: topology.clusterId, asOf: topology.asOf, operatorIp: ip, paths: withWorkstationReach(ranked, reach) };
  }

  /** The source a JIT rule must allow on one path of the cluster, chosen here (not in the renderer), with why. */
  async jitSource(clusterId: string, pathId: Path['id']): Promise<JitSourceChoice> {
    return resolveJitSource(await this.topology(clusterId), pathId, { arm: this.deps.arm(), workstation: this.workstation(), egressIp: () => this.deps.egress.resolve() });
  }

  private workstation(): WorkstationProbe {
    return this.deps.workstation ?? (this.defaultProbe ??= systemWorkstationProbe());
  }

  private defaultProbe: WorkstationProbe | undefined;

  /** Requests JIT access to a VM port under the policy that covers it. */
  async requestJit(request: { vmId: string; port: number; durationMinutes: number; sourceIp?: string | undefined; justification?: string | undefined }): Promise<{ status: string; endTimeUtc: string; policyId: string }> {
    const vm = parseResourceId(request.vmId);
    if (!vm?.resourceGroup) throw new AppError('azure.invalid_id', 'That is not a virtual machine id.');
    const arm = this.deps.arm();
    const policy = (await arm.listJitPolicies(vm.subscriptionId)).find((p) => p.virtualMachines.some((v) => sameId(v.id, request.vmId) && v.ports.some((port) => port.number === request.port)));
    if (!policy?.id) throw new AppError('azure.jit_no_policy', `No Just-In-Time policy covers port ${request.port} of ${vm.name}.`, { params: { port: String(request.port), vm: vm.name } });
    const endTimeUtc = new Date(Date.now() + request.durationMinutes * 60_000);
    const answer = await arm.initiateJit(policy.id, { vmId: request.vmId, port: request.port, endTimeUtc, sourceIp: request.sourceIp, justification: request.justification });
    const port = answer.virtualMachines.find((v) => sameId(v.id, request.vmId))?.ports.find((p) => p.number === request.port);
    const result = { status: port?.status ?? 'Initiated', endTimeUtc: (port?.endTimeUtc ?? endTimeUtc).toISOString(), policyId: policy.id };
    this.deps.onJitAnswer?.({ vmId: request.vmId, port: request.port, status: result.status, endTimeUtc: result.endTimeUtc });
    return result;
  }

  /**
   * `az aks command invoke` through ARM, with `--file`s zipped into the request's `context`. Files
   * are checked (count, total size, unique names) before anything reaches Azure. On managed-Entra
   * clusters the operator's AKS token goes along as `clusterToken`, so the command runs as them.
   */
  async commandInvoke(clusterId: string, command: string, files: readonly AttachedFileInput[] = [], signal?: AbortSignal): Promise<AksCommandResult & { runAs: CommandRunAs }> {
    const context = commandContext(files);
    const arm = this.deps.arm();
    const { clusterToken, runAs } = await commandIdentity(await arm.getCluster(clusterId), this.deps.currentTenant(), this.deps.clusterCredential);
    return { ...(await arm.runCommand(clusterId, command, { context, clusterToken }, signal)), runAs };
  }
}
