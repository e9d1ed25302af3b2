import type { ManagedCluster } from '@azure/arm-containerservice';
import type { VirtualMachine, VirtualMachineInstanceView } from '@azure/arm-compute';
import type {
  BastionHost,
  ExpressRouteCircuit,
  NetworkInterface,
  NetworkSecurityGroup,
  PublicIPAddress,
  VirtualNetwork,
  VirtualNetworkGateway,
  VirtualNetworkPeering,
} from '@azure/arm-network';
import type { PrivateZone, RecordSet, VirtualNetworkLink } from '@azure/arm-privatedns';
import type { JitNetworkAccessPolicy } from '@azure/arm-security';
import type { ArmService } from './arm-service';
import { nameOf, parseResourceId, sameId, vnetIdOfSubnet } from '../azure-model';
import { factsFromManagedCluster, summarizeCluster, type ClusterSummary } from './cluster-summary';

/** A VM that could be a jump box, joined with its NIC, subnet, public IP and power state. */
export interface JumpBoxFacts {
  readonly vm: VirtualMachine;
  readonly id: string;
  readonly name: string;
  readonly nic: NetworkInterface | null;
  readonly subnetId: string | null;
  readonly vnetId: string | null;
  readonly privateIp: string | null;
  readonly publicIp: string | null;
  readonly nicNsgId: string | null;
  readonly subnetNsgId: string | null;
  readonly isAksNode: boolean;
}

/** The private DNS zone that holds the cluster's private FQDN, with the record's relative name. */
export interface ZoneFacts {
  readonly zone: PrivateZone | null;
  readonly zoneId: string | null;
  readonly zoneName: string | null;
  readonly relativeName: string | null;
}

/**
 * Reads everything around one cluster on demand, once: each getter is memoised (in-flight promises
 * are shared), so concurrent checks asking for the same VNet cause one ARM call. One loader lives for
 * one topology resolution or one checklist run, so every run sees Azure as it is now.
 */
export class ClusterFactsLoader {
  private readonly memo = new Map<string, Promise<unknown>>();

  /** Creates a loader for one cluster. */
  constructor(
    readonly arm: ArmService,
    readonly clusterId: string,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let hit = this.memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      // Memoised reads may be started speculatively; a failure is reported to whoever awaits it, never as unhandled.
      hit.catch(() => undefined);
      this.memo.set(key, hit);
    }
    return hit;
  }

  /** The cluster as ARM returns it. */
  managedCluster(): Promise<ManagedCluster> {
    return this.once('cluster', () => this.arm.getCluster(this.clusterId));
  }

  /** The cluster's access-deciding summary. */
  async summary(): Promise<ClusterSummary> {
    const summary = summarizeCluster(factsFromManagedCluster(await this.managedCluster()));
    if (!summary) throw new Error('the cluster answer has no usable id');
    return summary;
  }

  /** The VNet of the cluster's node subnet (null for kubenet clusters on an AKS-managed VNet). */
  async clusterVnetId(): Promise<string | null> {
    const summary = await this.summary();
    return vnetIdOfSubnet(summary.nodeSubnetIds[0] ?? summary.apiServerSubnetId);
  }

  /** A VNet by id. */
  vnet(vnetId: string): Promise<VirtualNetwork> {
    return this.once(`vnet:${vnetId.toLowerCase()}`, () => this.arm.getVnet(vnetId));
  }

  /** The peerings defined on a VNet. */
  peerings(vnetId: string): Promise<VirtualNetworkPeering[]> {
    return this.once(`peerings:${vnetId.toLowerCase()}`, () => this.arm.listPeerings(vnetId));
  }

  /** The cluster VNet, every VNet it peers with, and VNets of its subscription that peer to it one-way (ids, cluster first). */
  relatedVnetIds(): Promise<string[]> {
    return this.once('related', async () => {
      const own = await this.clusterVnetId();
      if (!own) return [];
      const subscription = (await this.summary()).subscriptionId;
      const [peerings, vnets] = await Promise.all([this.peerings(own), this.once(`vnets:${subscription.toLowerCase()}`, () => this.arm.listVnets(subscription))]);
      const peers = peerings.map((p) => p.remoteVirtualNetwork?.id).filter((id): id is string => !!id);
      const pointingHere = vnets
        .filter((v) => v.virtualNetworkPeerings?.some((p) => sameId(p.remoteVirtualNetwork?.id, own)))
        .map((v) => v.id!)
        .filter(Boolean);
      const out = [own];
      for (const id of [...peers, ...pointingHere]) if (!out.some((known) => sameId(known, id))) out.push(id);
      return out;
    });
  }

  /** Subscriptions the related VNets live in (jump boxes, Bastion and gateways are searched there). */
  async relatedSubscriptions(): Promise<string[]> {
    const subs = new Set<string>([(await this.summary()).subscriptionId.toLowerCase()]);
    for (const id of await this.relatedVnetIds()) {
      const parsed = parseResourceId(id);
      if (parsed) subs.add(parsed.subscriptionId.toLowerCase());
    }
    return [...subs];
  }

  private vms(sub: string): Promise<VirtualMachine[]> {
    return this.once(`vms:${sub}`, () => this.arm.listVms(sub));
  }

  private nics(sub: string): Promise<NetworkInterface[]> {
    return this.once(`nics:${sub}`, () => this.arm.listNics(sub));
  }

  private publicIps(sub: string): Promise<PublicIPAddress[]> {
    return this.once(`pips:${sub}`, () => this.arm.listPublicIps(sub));
  }

  /** VMs whose primary NIC sits in the cluster VNet or a peered VNet. */
  jumpBoxes(): Promise<JumpBoxFacts[]> {
    return this.once('jumpboxes', async () => {
      const summary = await this.summary();
      const own = summary.subscriptionId.toLowerCase();
      const prefetch = Promise.all([this.vms(own), this.nics(own), this.publicIps(own)]).catch(() => undefined);
      const related = await this.relatedVnetIds();
      await prefetch;
      const out: JumpBoxFacts[] = [];
      const candidates: Array<Omit<JumpBoxFacts, 'subnetNsgId'>> = [];
      for (const sub of await this.relatedSubscriptions()) {
        const [vms, nics, pips] = await Promise.all([this.vms(sub), this.nics(sub), this.publicIps(sub)]);
        for (const vm of vms) {
          const nicRef = vm.networkProfile?.networkInterfaces?.find((n) => n.primary !== false) ?? vm.networkProfile?.networkInterfaces?.[0];
          const nic = nics.find((n) => sameId(n.id, nicRef?.id)) ?? null;
          const ipConfig = nic?.ipConfigurations?.find((c) => c.primary !== false) ?? nic?.ipConfigurations?.[0];
          const subnetId = ipConfig?.subnet?.id ?? null;
          const vnetId = vnetIdOfSubnet(subnetId);
          if (!vnetId || !related.some((id) => sameId(id, vnetId))) continue;
          const pip = pips.find((p) => sameId(p.id, ipConfig?.publicIPAddress?.id));
          const rg = parseResourceId(vm.id)?.resourceGroup ?? '';
          candidates.push({
            vm,
            id: vm.id!,
            name: vm.name ?? nameOf(vm.id),
            nic,
            subnetId,
            vnetId,
            privateIp: ipConfig?.privateIPAddress ?? null,
            publicIp: pip?.ipAddress ?? (ipConfig?.publicIPAddress?.id ? 'assigned' : null),
            nicNsgId: nic?.networkSecurityGroup?.id ?? null,
            isAksNode: !!summary.nodeResourceGroup && rg.toLowerCase() === summary.nodeResourceGroup.toLowerCase(),
          });
        }
      }
      const vnets = await Promise.all(candidates.map((c) => this.vnet(c.vnetId!).catch(() => null)));
      candidates.forEach((c, i) => {
        const subnet = vnets[i]?.subnets?.find((s) => sameId(s.id, c.subnetId));
        out.push({ ...c, subnetNsgId: subnet?.networkSecurityGroup?.id ?? null });
      });
      return out;
    });
  }

  /** The power state and the rest of a VM's instance view. */
  instanceView(vmId: string): Promise<VirtualMachineInstanceView> {
    return this.once(`iv:${vmId.toLowerCase()}`, () => this.arm.getVmInstanceView(vmId));
  }

  /** An NSG by id. */
  nsg(nsgId: string): Promise<NetworkSecurityGroup> {
    return this.once(`nsg:${nsgId.toLowerCase()}`, () => this.arm.getNsg(nsgId));
  }

  /** Bastion hosts whose AzureBastionSubnet is in a related VNet. */
  bastions(): Promise<Array<BastionHost & { vnetId: string | null }>> {
    return this.once('bastions', async () => {
      const related = await this.relatedVnetIds();
      const out: Array<BastionHost & { vnetId: string | null }> = [];
      for (const sub of await this.relatedSubscriptions()) {
        for (const host of await this.arm.listBastions(sub)) {
          const vnetId = vnetIdOfSubnet(host.ipConfigurations?.[0]?.subnet?.id) ?? host.virtualNetwork?.id ?? null;
          if (vnetId && related.some((id) => sameId(id, vnetId))) out.push({ ...host, vnetId });
        }
      }
      return out;
    });
  }

  /** Virtual network gateways in the related VNets (listed per resource group of those VNets). */
  gateways(): Promise<Array<VirtualNetworkGateway & { vnetId: string | null }>> {
    return this.once('gateways', async () => {
      const related = await this.relatedVnetIds();
      const groups = new Map<string, { sub: string; rg: string }>();
      for (const id of related) {
        const parsed = parseResourceId(id);
        if (parsed?.resourceGroup) groups.set(`${parsed.subscriptionId}/${parsed.resourceGroup}`.toLowerCase(), { sub: parsed.subscriptionId, rg: parsed.resourceGroup });
      }
      const out: Array<VirtualNetworkGateway & { vnetId: string | null }> = [];
      for (const { sub, rg } of groups.values()) {
        for (const gw of await this.arm.listGateways(sub, rg)) {
          const vnetId = vnetIdOfSubnet(gw.ipConfigurations?.[0]?.subnet?.id);
          if (vnetId && related.some((id) => sameId(id, vnetId))) out.push({ ...gw, vnetId });
        }
      }
      return out;
    });
  }

  /** ExpressRoute circuits in the related subscriptions. */
  circuits(): Promise<ExpressRouteCircuit[]> {
    return this.once('circuits', async () => (await Promise.all((await this.relatedSubscriptions()).map((s) => this.arm.listCircuits(s)))).flat());
  }

  /** The zone holding the private FQDN: the custom zone id, or the longest matching zone in the node resource group. */
  zone(): Promise<ZoneFacts> {
    return this.once('zone', async () => {
      const summary = await this.summary();
      const fqdn = summary.privateFqdn?.toLowerCase() ?? null;
      const none: ZoneFacts = { zone: null, zoneId: null, zoneName: null, relativeName: null };
      if (!summary.isPrivate || summary.privateDnsMode === 'none' || !fqdn) return none;
      let zones: PrivateZone[];
      if (summary.privateDnsMode === 'custom' && summary.privateDnsZoneId) {
        zones = [await this.arm.getPrivateZone(summary.privateDnsZoneId)];
      } else if (summary.nodeResourceGroup) {
        zones = await this.arm.listPrivateZones(summary.subscriptionId, summary.nodeResourceGroup);
      } else return none;
      const match = zones
        .filter((z) => z.name && (fqdn === z.name.toLowerCase() || fqdn.endsWith(`.${z.name.toLowerCase()}`)))
        .sort((a, b) => b.name!.length - a.name!.length)[0];
      if (!match) return none;
      const relative = fqdn === match.name!.toLowerCase() ? '@' : fqdn.slice(0, fqdn.length - match.name!.length - 1);
      return { zone: match, zoneId: match.id ?? null, zoneName: match.name ?? null, relativeName: relative };
    });
  }

  /** The VNet links of the cluster's zone. */
  async zoneLinks(): Promise<VirtualNetworkLink[]> {
    const zone = await this.zone();
    if (!zone.zoneId) return [];
    return this.once('links', () => this.arm.listZoneLinks(zone.zoneId!));
  }

  /** The A record of the private FQDN, or null. */
  async aRecord(): Promise<RecordSet | null> {
    const zone = await this.zone();
    if (!zone.zoneId || !zone.relativeName) return null;
    return this.once('arecord', () => this.arm.getARecord(zone.zoneId!, zone.relativeName!));
  }

  /** The private IP of the API server's private endpoint (node resource group), or null. */
  privateEndpointIp(): Promise<string | null> {
    return this.once('pe', async () => {
      const summary = await this.summary();
      if (!summary.isPrivate || !summary.nodeResourceGroup) return null;
      const endpoints = await this.arm.listPrivateEndpoints(summary.subscriptionId, summary.nodeResourceGroup);
      const pe = endpoints.find((e) => e.name === 'kube-apiserver') ?? endpoints[0];
      return pe?.customDnsConfigs?.[0]?.ipAddresses?.[0] ?? pe?.ipConfigurations?.[0]?.privateIPAddress ?? null;
    });
  }

  /** JIT policies in the subscriptions of the related VNets. */
  jitPolicies(): Promise<JitNetworkAccessPolicy[]> {
    return this.once('jit', async () => (await Promise.all((await this.relatedSubscriptions()).map((s) => this.arm.listJitPolicies(s)))).flat());
  }
}
