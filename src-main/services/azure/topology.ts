import type { z } from 'zod';
import type { Topology as TopologySchema } from '../../ipc/contract/azure';
import { nameOf, sameId } from './arm-ids';
import type { ClusterFactsLoader } from './cluster-facts';

/** The resolved network around one cluster, as the renderer sees it. */
export type Topology = z.output<typeof TopologySchema>;

function powerStateOf(statuses: Array<{ code?: string }> | undefined): string | null {
  const code = statuses?.find((s) => s.code?.startsWith('PowerState/'))?.code;
  return code ? code.slice('PowerState/'.length) : null;
}

async function settleInto<T>(warnings: string[], what: string, load: () => Promise<T>, fallback: T, failed: (error: unknown) => void): Promise<T> {
  try {
    return await load();
  } catch (error) {
    warnings.push(`Could not read ${what}: ${error instanceof Error ? error.message : String(error)}`);
    failed(error);
    return fallback;
  }
}

/**
 * Resolves the cluster's VNet, peerings both ways, private DNS zone with links and A record, jump-box
 * candidates, Bastion hosts, gateways, circuits and JIT policies. A part that cannot be read becomes a
 * warning; only an unreadable cluster fails the whole resolution.
 */
export async function resolveTopology(loader: ClusterFactsLoader, now: Date = new Date()): Promise<Topology> {
  return (await resolveTopologyDetailed(loader, now)).topology;
}

/** Parts of a topology that are read separately and can fail separately. */
export type TopologyPart = 'network' | 'jumpBoxes' | 'bastions' | 'gateways' | 'circuits' | 'dns' | 'jit';

/** The topology plus the error of every part that could not be read (checks must not mistake "unreadable" for "absent"). */
export interface DetailedTopology {
  readonly topology: Topology;
  readonly failures: Partial<Record<TopologyPart, unknown>>;
}

/** Like `resolveTopology`, keeping each failed part's error. */
export async function resolveTopologyDetailed(loader: ClusterFactsLoader, now: Date = new Date()): Promise<DetailedTopology> {
  const warnings: string[] = [];
  const failures: Partial<Record<TopologyPart, unknown>> = {};
  const settle = <T>(part: TopologyPart, what: string, load: () => Promise<T>, fallback: T) =>
    settleInto(warnings, what, load, fallback, (error) => (failures[part] ??= error));
  const cluster = await loader.summary();
  const network = (async () => {
    const related = await settle('network', 'the cluster network and its peerings', () => loader.relatedVnetIds(), []);
    const [vnets, peeringLists] = await Promise.all([
      Promise.all(related.map((id) => settle('network', `virtual network ${nameOf(id)}`, () => loader.vnet(id), null))),
      Promise.all(related.map((id) => settle('network', `the peerings of ${nameOf(id)}`, () => loader.peerings(id), []))),
    ]);
    return { related, vnets, peeringLists };
  })();
  const jumpBoxesWithViews = (async () => {
    const boxes = await settle('jumpBoxes', 'candidate jump boxes', () => loader.jumpBoxes(), []);
    const views = await Promise.all(boxes.map((j) => settleInto(warnings, `the power state of ${j.name}`, () => loader.instanceView(j.id), null, () => undefined)));
    return { boxes, views };
  })();
  const [{ related, vnets, peeringLists }, { boxes: jumpBoxes, views }, bastions, gateways, circuits, zone, links, record, peIp, jit] = await Promise.all([
    network,
    jumpBoxesWithViews,
    settle('bastions', 'Bastion hosts', () => loader.bastions(), []),
    settle('gateways', 'virtual network gateways', () => loader.gateways(), []),
    settle('circuits', 'ExpressRoute circuits', () => loader.circuits(), []),
    settle('dns', 'the private DNS zone', () => loader.zone(), { zone: null, zoneId: null, zoneName: null, relativeName: null }),
    settle('dns', 'the private DNS zone links', () => loader.zoneLinks(), []),
    settle('dns', 'the API server A record', () => loader.aRecord(), null),
    settle('dns', 'the API server private endpoint', () => loader.privateEndpointIp(), null),
    settle('jit', 'JIT policies', () => loader.jitPolicies(), []),
  ]);

  const peerings = related.flatMap((localId, index) =>
    peeringLists[index]!.map((p) => {
      const remoteId = p.remoteVirtualNetwork?.id ?? '';
      const remoteIndex = related.findIndex((id) => sameId(id, remoteId));
      const back = remoteIndex >= 0 ? peeringLists[remoteIndex]!.find((q) => sameId(q.remoteVirtualNetwork?.id, localId)) : undefined;
      return {
        localVnetId: localId,
        localVnetName: nameOf(localId),
        remoteVnetId: remoteId,
        remoteVnetName: nameOf(remoteId),
        name: p.name ?? '',
        state: p.peeringState ?? null,
        syncLevel: p.peeringSyncLevel ?? null,
        allowGatewayTransit: p.allowGatewayTransit === true,
        useRemoteGateways: p.useRemoteGateways === true,
        allowForwardedTraffic: p.allowForwardedTraffic === true,
        reverse: back ? { name: back.name ?? '', state: back.peeringState ?? null, syncLevel: back.peeringSyncLevel ?? null } : null,
      };
    }),
  );
  const nowMs = now.getTime();
  const topology: Topology = {
    clusterId: cluster.id,
    asOf: now.toISOString(),
    cluster,
    clusterVnet: vnets[0] ? { id: related[0]!, name: nameOf(related[0]), addressPrefixes: vnets[0].addressSpace?.addressPrefixes ?? [] } : null,
    relatedVnets: related.map((id, i) => ({ id, name: nameOf(id), addressPrefixes: vnets[i]?.addressSpace?.addressPrefixes ?? [], role: i === 0 ? ('cluster' as const) : ('peered' as const) })),
    peerings,
    dns: {
      mode: cluster.privateDnsMode,
      zoneId: zone.zoneId,
      zoneName: zone.zoneName,
      links: links.map((l) => ({ vnetId: l.virtualNetwork?.id ?? '', name: l.name ?? '', state: l.virtualNetworkLinkState ?? null, registrationEnabled: l.registrationEnabled === true })),
      aRecord: record ? { name: record.name ?? zone.relativeName ?? '', ips: (record.aRecords ?? []).map((a) => a.ipv4Address ?? '').filter(Boolean) } : null,
      privateEndpointIp: peIp,
    },
    jumpBoxes: jumpBoxes.map((j, i) => ({
      id: j.id,
      name: j.name,
      vnetId: j.vnetId,
      subnetId: j.subnetId,
      privateIp: j.privateIp,
      publicIp: j.publicIp,
      powerState: powerStateOf(views[i]?.statuses),
      availability: j.vm.availabilitySet?.id ? ('availability-set' as const) : j.vm.virtualMachineScaleSet?.id ? ('vmss' as const) : ('none' as const),
      nicNsgId: j.nicNsgId,
      subnetNsgId: j.subnetNsgId,
      isAksNode: j.isAksNode,
      osType: j.vm.storageProfile?.osDisk?.osType ?? null,
      location: j.vm.location ?? '',
    })),
    bastions: bastions.map((b) => ({
      id: b.id ?? '',
      name: b.name ?? '',
      sku: b.sku?.name ?? null,
      enableTunneling: b.enableTunneling === true,
      enableIpConnect: b.enableIpConnect === true,
      vnetId: b.vnetId,
      dnsName: b.dnsName ?? null,
      provisioningState: b.provisioningState ?? null,
    })),
    gateways: gateways.map((g) => ({
      id: g.id ?? '',
      name: g.name ?? '',
      gatewayType: g.gatewayType ?? null,
      vpnType: g.vpnType ?? null,
      sku: g.sku?.name ?? null,
      provisioningState: g.provisioningState ?? null,
      vnetId: g.vnetId,
    })),
    circuits: circuits.map((c) => ({
      id: c.id ?? '',
      name: c.name ?? '',
      circuitProvisioningState: c.circuitProvisioningState ?? null,
      serviceProviderProvisioningState: c.serviceProviderProvisioningState ?? null,
      serviceProviderName: c.serviceProviderProperties?.serviceProviderName ?? null,
    })),
    jitPolicies: jit.map((p) => ({
      id: p.id ?? '',
      name: p.name ?? '',
      location: p.location ?? '',
      vmIds: p.virtualMachines.map((v) => v.id),
      ports: p.virtualMachines.flatMap((v) => v.ports.map((port) => ({ vmId: v.id, number: port.number, protocol: port.protocol, maxRequestAccessDuration: port.maxRequestAccessDuration ?? null }))),
      openRequests: (p.requests ?? []).flatMap((r) =>
        r.virtualMachines.flatMap((v) =>
          v.ports
            .filter((port) => port.status === 'Initiated' && new Date(port.endTimeUtc).getTime() > nowMs)
            .map((port) => ({ vmId: v.id, port: port.number, requestor: r.requestor ?? null, source: port.allowedSourceAddressPrefix ?? null, endTimeUtc: new Date(port.endTimeUtc).toISOString() })),
        ),
      ),
    })),
    warnings,
  };
  return { topology, failures };
}
