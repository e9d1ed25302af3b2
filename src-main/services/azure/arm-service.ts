import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { ComputeManagementClient, type VirtualMachine, type VirtualMachineInstanceView } from '@azure/arm-compute';
import { ContainerServiceClient, type ManagedCluster } from '@azure/arm-containerservice';
import {
  NetworkManagementClient,
  type BastionHost,
  type ExpressRouteCircuit,
  type NetworkInterface,
  type NetworkSecurityGroup,
  type PrivateEndpoint,
  type PublicIPAddress,
  type VirtualNetwork,
  type VirtualNetworkGateway,
  type VirtualNetworkPeering,
} from '@azure/arm-network';
import { PrivateDnsManagementClient, type PrivateZone, type RecordSet, type VirtualNetworkLink } from '@azure/arm-privatedns';
import { SecurityCenter, type JitNetworkAccessPolicy, type JitNetworkAccessRequest } from '@azure/arm-security';
import { SubscriptionClient, type Subscription, type TenantIdDescription } from '@azure/arm-resources-subscriptions';
import type { Logger } from '../log';
import { armCall, collect } from './arm-errors';
import { subject } from './arm-subject';
import { requireResourceId } from '../azure-model';
import { pinnedHttpClient } from './arm-transport';
import { RoleAssignmentReader } from './role-assignments';
import { ResourceGraphReader } from './resource-graph';
import { runAksCommand, runVmShellScript, type AksCommandResult } from './arm-commands';

/** Retry settings for throttling (429 + Retry-After) and transient 5xx answers. */
export interface ArmRetry {
  readonly maxRetries: number;
  readonly retryDelayInMs: number;
  readonly maxRetryDelayInMs: number;
}

/** What ArmService needs: a credential (AuthService in the app), the endpoint, and the transport. */
export interface ArmServiceOptions {
  readonly credential: TokenCredential;
  /** Resource Manager endpoint, e.g. `https://management.azure.com` (sovereign clouds by configuration). */
  readonly endpoint: string;
  /** Token scope for that endpoint, e.g. `https://management.azure.com/.default`. */
  readonly scope: string;
  /** The HTTP client carrying proxy and trust settings; requests are pinned to `endpoint`'s origin on top. */
  readonly httpClient?: HttpClient | undefined;
  readonly retry: ArmRetry;
  /** Poll interval for long-running operations when Azure sends no Retry-After. */
  readonly pollIntervalMs: number;
  readonly log: Logger;
}

interface SubscriptionClients {
  readonly aks: ContainerServiceClient;
  readonly network: NetworkManagementClient;
  readonly dns: PrivateDnsManagementClient;
  readonly compute: ComputeManagementClient;
  readonly security: SecurityCenter;
}

/**
 * Every Resource Manager read and action the console performs, on the official `@azure/arm-*`
 * SDKs. Returns SDK models; callers normalise them. Failures surface as `azure.*` AppErrors.
 */
export class ArmService {
  private readonly http: HttpClient;
  private readonly clients = new Map<string, SubscriptionClients>();
  private readonly subscriptionClient: SubscriptionClient;
  readonly graph: ResourceGraphReader;
  /** Azure role assignments (the checklist's "at least a reader role" check). */
  readonly roles: RoleAssignmentReader;
  readonly log: Logger;

  /** Builds the shared transport; per-subscription clients are created on first use. */
  constructor(private readonly options: ArmServiceOptions) {
    this.http = pinnedHttpClient(options.endpoint, options.httpClient);
    this.log = options.log.child('arm');
    this.subscriptionClient = new SubscriptionClient(options.credential, this.classicOptions());
    this.graph = new ResourceGraphReader({ credential: options.credential, endpoint: options.endpoint, scope: options.scope, httpClient: this.http, retry: options.retry });
    this.roles = new RoleAssignmentReader({ credential: options.credential, endpoint: options.endpoint, scope: options.scope, httpClient: this.http });
  }

  /** The configured endpoint (for portal/CLI hints). */
  get endpoint(): string {
    return this.options.endpoint;
  }

  private classicOptions() {
    return {
      endpoint: this.options.endpoint,
      credentialScopes: [this.options.scope],
      httpClient: this.http,
      retryOptions: this.options.retry,
    };
  }

  private modularOptions() {
    return {
      endpoint: this.options.endpoint,
      credentials: { scopes: [this.options.scope] },
      httpClient: this.http,
      retryOptions: this.options.retry,
    };
  }

  private forSubscription(subscriptionId: string): SubscriptionClients {
    const key = subscriptionId.toLowerCase();
    let clients = this.clients.get(key);
    if (!clients) {
      const { credential } = this.options;
      clients = {
        aks: new ContainerServiceClient(credential, subscriptionId, this.modularOptions()),
        network: new NetworkManagementClient(credential, subscriptionId, this.classicOptions()),
        dns: new PrivateDnsManagementClient(credential, subscriptionId, this.classicOptions()),
        compute: new ComputeManagementClient(credential, subscriptionId, this.modularOptions()),
        security: new SecurityCenter(credential, subscriptionId, this.classicOptions()),
      };
      this.clients.set(key, clients);
    }
    return clients;
  }

  /** Tenants the signed-in account belongs to. */
  listTenants(): Promise<TenantIdDescription[]> {
    return collect(subject('tenants'), this.subscriptionClient.tenants.list());
  }

  /** Subscriptions the signed-in account can see (in the tenant its token is for). */
  listSubscriptions(): Promise<Subscription[]> {
    return collect(subject('subscriptions'), this.subscriptionClient.subscriptions.list());
  }

  /** AKS clusters of one subscription (the per-subscription fallback of discovery). */
  listClusters(subscriptionId: string): Promise<ManagedCluster[]> {
    return collect(subject('subscription-clusters', subscriptionId), this.forSubscription(subscriptionId).aks.managedClusters.list());
  }

  /** One cluster by id. */
  getCluster(clusterId: string): Promise<ManagedCluster> {
    const id = requireResourceId(clusterId, 'cluster');
    return armCall(subject('cluster', id.name), () => this.forSubscription(id.subscriptionId).aks.managedClusters.get(id.resourceGroup!, id.name));
  }

  /** One VNet (with its subnets) by id. */
  getVnet(vnetId: string): Promise<VirtualNetwork> {
    const id = requireResourceId(vnetId, 'virtual network');
    return armCall(subject('vnet', id.name), () => this.forSubscription(id.subscriptionId).network.virtualNetworks.get(id.resourceGroup!, id.name));
  }

  /** Every VNet of a subscription. */
  listVnets(subscriptionId: string): Promise<VirtualNetwork[]> {
    return collect(subject('subscription-vnets', subscriptionId), this.forSubscription(subscriptionId).network.virtualNetworks.listAll());
  }

  /** The peerings of one VNet. */
  listPeerings(vnetId: string): Promise<VirtualNetworkPeering[]> {
    const id = requireResourceId(vnetId, 'virtual network');
    return collect(subject('peerings', id.name), this.forSubscription(id.subscriptionId).network.virtualNetworkPeerings.list(id.resourceGroup!, id.name));
  }

  /** One NSG with its custom and default rules. */
  getNsg(nsgId: string): Promise<NetworkSecurityGroup> {
    const id = requireResourceId(nsgId, 'network security group');
    return armCall(subject('nsg', id.name), () => this.forSubscription(id.subscriptionId).network.networkSecurityGroups.get(id.resourceGroup!, id.name));
  }

  /** One NIC by id. */
  getNic(nicId: string): Promise<NetworkInterface> {
    const id = requireResourceId(nicId, 'network interface');
    return armCall(subject('nic', id.name), () => this.forSubscription(id.subscriptionId).network.networkInterfaces.get(id.resourceGroup!, id.name));
  }

  /** Every NIC of a subscription. */
  listNics(subscriptionId: string): Promise<NetworkInterface[]> {
    return collect(subject('subscription-nics', subscriptionId), this.forSubscription(subscriptionId).network.networkInterfaces.listAll());
  }

  /** Every public IP of a subscription. */
  listPublicIps(subscriptionId: string): Promise<PublicIPAddress[]> {
    return collect(subject('subscription-public-ips', subscriptionId), this.forSubscription(subscriptionId).network.publicIPAddresses.listAll());
  }

  /** The private endpoints of one resource group (the API server's lives in the node resource group). */
  listPrivateEndpoints(subscriptionId: string, resourceGroup: string): Promise<PrivateEndpoint[]> {
    return collect(subject('group-private-endpoints', resourceGroup), this.forSubscription(subscriptionId).network.privateEndpoints.list(resourceGroup));
  }

  /** Every Bastion host of a subscription. */
  listBastions(subscriptionId: string): Promise<BastionHost[]> {
    return collect(subject('subscription-bastions', subscriptionId), this.forSubscription(subscriptionId).network.bastionHosts.list());
  }

  /** The virtual network gateways of one resource group (the API has no subscription-wide list). */
  listGateways(subscriptionId: string, resourceGroup: string): Promise<VirtualNetworkGateway[]> {
    return collect(subject('group-gateways', resourceGroup), this.forSubscription(subscriptionId).network.virtualNetworkGateways.list(resourceGroup));
  }

  /** Every ExpressRoute circuit of a subscription. */
  listCircuits(subscriptionId: string): Promise<ExpressRouteCircuit[]> {
    return collect(subject('subscription-circuits', subscriptionId), this.forSubscription(subscriptionId).network.expressRouteCircuits.listAll());
  }

  /** Every VM of a subscription. */
  listVms(subscriptionId: string): Promise<VirtualMachine[]> {
    return collect(subject('subscription-vms', subscriptionId), this.forSubscription(subscriptionId).compute.virtualMachines.listAll());
  }

  /** A VM's instance view (power state). */
  getVmInstanceView(vmId: string): Promise<VirtualMachineInstanceView> {
    const id = requireResourceId(vmId, 'virtual machine');
    return armCall(subject('vm-state', id.name), () => this.forSubscription(id.subscriptionId).compute.virtualMachines.instanceView(id.resourceGroup!, id.name));
  }

  /** A VM by id. */
  getVm(vmId: string): Promise<VirtualMachine> {
    const id = requireResourceId(vmId, 'virtual machine');
    return armCall(subject('vm', id.name), () => this.forSubscription(id.subscriptionId).compute.virtualMachines.get(id.resourceGroup!, id.name));
  }

  /** One private DNS zone by id. */
  getPrivateZone(zoneId: string): Promise<PrivateZone> {
    const id = requireResourceId(zoneId, 'private DNS zone');
    return armCall(subject('dns-zone', id.name), () => this.forSubscription(id.subscriptionId).dns.privateZones.get(id.resourceGroup!, id.name));
  }

  /** The private DNS zones of one resource group. */
  listPrivateZones(subscriptionId: string, resourceGroup: string): Promise<PrivateZone[]> {
    return collect(subject('group-dns-zones', resourceGroup), this.forSubscription(subscriptionId).dns.privateZones.listByResourceGroup(resourceGroup));
  }

  /** The VNet links of a private DNS zone. */
  listZoneLinks(zoneId: string): Promise<VirtualNetworkLink[]> {
    const id = requireResourceId(zoneId, 'private DNS zone');
    return collect(subject('zone-links', id.name), this.forSubscription(id.subscriptionId).dns.virtualNetworkLinks.list(id.resourceGroup!, id.name));
  }

  /** An A record set of a zone; null when it does not exist. */
  async getARecord(zoneId: string, relativeName: string): Promise<RecordSet | null> {
    const id = requireResourceId(zoneId, 'private DNS zone');
    try {
      return await armCall(subject('a-record', `${relativeName}.${id.name}`), () => this.forSubscription(id.subscriptionId).dns.recordSets.get(id.resourceGroup!, id.name, 'A', relativeName));
    } catch (error) {
      if ((error as { code?: string }).code === 'azure.not_found') return null;
      throw error;
    }
  }

  /** Just-In-Time policies of a subscription. */
  listJitPolicies(subscriptionId: string): Promise<JitNetworkAccessPolicy[]> {
    return collect(subject('subscription-jit-policies', subscriptionId), this.forSubscription(subscriptionId).security.jitNetworkAccessPolicies.list());
  }

  /** Requests JIT access to one port of one VM under a policy (spec shape: `number` + `endTimeUtc`). */
  initiateJit(policyId: string, request: { vmId: string; port: number; endTimeUtc: Date; sourceIp?: string | undefined; justification?: string | undefined }): Promise<JitNetworkAccessRequest> {
    const id = requireResourceId(policyId, 'JIT policy');
    const location = id.names[0]!;
    return armCall(subject('jit-request', request.vmId.split('/').at(-1) ?? ''), () =>
      this.forSubscription(id.subscriptionId).security.jitNetworkAccessPolicies.initiate(id.resourceGroup!, location, id.name, {
        virtualMachines: [
          {
            id: request.vmId,
            ports: [{ number: request.port, endTimeUtc: request.endTimeUtc, ...(request.sourceIp ? { allowedSourceAddressPrefix: request.sourceIp } : {}) }],
          },
        ],
        ...(request.justification ? { justification: request.justification } : {}),
      }),
    );
  }

  /**
   * `az aks command invoke`: runs a command in a pod of the cluster through ARM (long-running);
   * `context` is base64 of a zip of its files, `clusterToken` the operator's AKS token (managed Entra only).
   */
  runCommand(clusterId: string, command: string, request: { context?: string; clusterToken?: string } = {}, signal?: AbortSignal): Promise<AksCommandResult> {
    const id = requireResourceId(clusterId, 'cluster');
    return runAksCommand(this.forSubscription(id.subscriptionId).aks, id, { command, context: request.context ?? '', clusterToken: request.clusterToken ?? '' }, this.options.pollIntervalMs, signal);
  }

  /** The user kubeconfig of a cluster, decoded (it stays in main). */
  async listClusterUserCredential(clusterId: string, options: { serverFqdn?: string; format?: 'azure' | 'exec' } = {}): Promise<string> {
    const id = requireResourceId(clusterId, 'cluster');
    const result = await armCall(subject('cluster-credentials', id.name), () =>
      this.forSubscription(id.subscriptionId).aks.managedClusters.listClusterUserCredentials(id.resourceGroup!, id.name, options),
    );
    const first = result.kubeconfigs?.[0]?.value;
    if (!first) throw new Error(`cluster ${id.name} returned no kubeconfig`);
    return Buffer.from(first).toString('utf8');
  }

  /** Runs a shell script on a VM through the VM Run Command API and returns its stdout. */
  runVmScript(vmId: string, script: string[], signal?: AbortSignal): Promise<string> {
    const id = requireResourceId(vmId, 'virtual machine');
    return runVmShellScript(this.forSubscription(id.subscriptionId).compute, id, script, this.options.pollIntervalMs, signal);
  }

  /** Reads a jump box's sshd host public keys through VM Run Command (to pre-seed known hosts). */
  async readVmHostKeys(vmId: string, signal?: AbortSignal): Promise<string[]> {
    const out = await this.runVmScript(vmId, ['for f in /etc/ssh/ssh_host_*_key.pub; do cat "$f"; done'], signal);
    return out
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/]+={0,2}( .*)?$/.test(line))
      .map((line) => line.split(' ').slice(0, 2).join(' '));
  }

  /** Drops cached clients. */
  dispose(): void {
    this.clients.clear();
  }
}
