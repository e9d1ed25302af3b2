import { type DetailedTopology, type Topology, type TopologyPart, nameOf, sameId } from '../azure-model';
import { arr, isoDate, num, str, strOr, strs } from './coerce';
import type { ClusterFactsLoader } from './cluster-facts';

function powerStateOf(statuses: Array<{ code?: unknown }>): string | null {
  const code = statuses.map((s) => str(s?.code)).find((c) => c?.startsWith('PowerState/'));
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
    arr<(typeof peeringLists)[number][number]>(peeringLists[index]).map((p) => {
      const remoteId = strOr(p.remoteVirtualNetwork?.id);
      const remoteIndex = related.findIndex((id) => sameId(id, remoteId));
      const back = remoteIndex >= 0 ? arr<typeof p>(peeringLists[remoteIndex]).find((q) => sameId(str(q.remoteVirtualNetwork?.id), localId)) : undefined;
      return {
        localVnetId: localId,
        localVnetName: nameOf(localId),
        remoteVnetId: remoteId,
        remoteVnetName: nameOf(remoteId),
        name: strOr(p.name),
        state: str(p.peeringState),
        syncLevel: str(p.peeringSyncLevel),
        allowGatewayTransit: p.allowGatewayTransit === true,
        useRemoteGateways: p.useRemoteGateways === true,
        allowForwardedTraffic: p.allowForwardedTraffic === true,
        reverse: back ? { name: strOr(back.name), state: str(back.peeringState), syncLevel: str(back.peeringSyncLevel) } : null,
      };
    }),
  );
  const nowMs = now.getTime();
  const topology: Topology = {
    clusterId: cluster.id,
    asOf: now.toISOString(),
    cluster,
    clusterVnet: vnets[0] ? { id: related[0]!, name: nameOf(related[0]), addressPrefixes: strs(vnets[0].addressSpace?.addressPrefixes) } : null,
    relatedVnets: related.map((id, i) => ({ id, name: nameOf(id), addressPrefixes: strs(vnets[i]?.addressSpace?.addressPrefixes), role: i === 0 ? ('cluster' as const) : ('peered' as const) })),
    peerings,
    dns: {
      mode: cluster.privateDnsMode,
      zoneId: str(zone.zoneId),
      zoneName: str(zone.zoneName),
      links: links.map((l) => ({ vnetId: strOr(l.virtualNetwork?.id), name: strOr(l.name), state: str(l.virtualNetworkLinkState), registrationEnabled: l.registrationEnabled === true })),
      aRecord: record ? { name: str(record.name) ?? zone.relativeName ?? '', ips: arr<{ ipv4Address?: unknown }>(record.aRecords).map((a) => str(a?.ipv4Address)).filter((ip): ip is string => !!ip) } : null,
      privateEndpointIp: str(peIp),
    },
    jumpBoxes: jumpBoxes.map((j, i) => ({
      id: strOr(j.id),
      name: strOr(j.name),
      vnetId: str(j.vnetId),
      subnetId: str(j.subnetId),
      privateIp: str(j.privateIp),
      publicIp: str(j.publicIp),
      powerState: powerStateOf(arr(views[i]?.statuses)),
      availability: str(j.vm.availabilitySet?.id) ? ('availability-set' as const) : str(j.vm.virtualMachineScaleSet?.id) ? ('vmss' as const) : ('none' as const),
      nicNsgId: str(j.nicNsgId),
      subnetNsgId: str(j.subnetNsgId),
      isAksNode: j.isAksNode === true,
      osType: str(j.vm.storageProfile?.osDisk?.osType),
      location: strOr(j.vm.location),
    })),
    bastions: bastions.map((b) => ({
      id: strOr(b.id),
      name: strOr(b.name),
      sku: str(b.sku?.name),
      enableTunneling: b.enableTunneling === true,
      enableIpConnect: b.enableIpConnect === true,
      vnetId: str(b.vnetId),
      dnsName: str(b.dnsName),
      provisioningState: str(b.provisioningState),
    })),
    gateways: gateways.map((g) => ({
      id: strOr(g.id),
      name: strOr(g.name),
      gatewayType: str(g.gatewayType),
      vpnType: str(g.vpnType),
      sku: str(g.sku?.name),
      provisioningState: str(g.provisioningState),
      vnetId: str(g.vnetId),
    })),
    circuits: circuits.map((c) => ({
      id: strOr(c.id),
      name: strOr(c.name),
      circuitProvisioningState: str(c.circuitProvisioningState),
      serviceProviderProvisioningState: str(c.serviceProviderProvisioningState),
      serviceProviderName: str(c.serviceProviderProperties?.serviceProviderName),
    })),
    jitPolicies: jit.map((p) => {
      const machines = arr<{ id?: unknown; ports?: unknown }>(p.virtualMachines);
      return {
        id: strOr(p.id),
        name: strOr(p.name),
        location: strOr(p.location),
        vmIds: machines.map((v) => str(v?.id)).filter((id): id is string => !!id),
        ports: machines.flatMap((v) =>
          arr<{ number?: unknown; protocol?: unknown; maxRequestAccessDuration?: unknown }>(v?.ports)
            .filter((port) => num(port?.number) !== null)
            .map((port) => ({ vmId: strOr(v.id), number: num(port.number)!, protocol: strOr(port.protocol, '*'), maxRequestAccessDuration: str(port.maxRequestAccessDuration) })),
        ),
        openRequests: arr<{ requestor?: unknown; virtualMachines?: unknown }>(p.requests).flatMap((r) =>
          arr<{ id?: unknown; ports?: unknown }>(r?.virtualMachines).flatMap((v) =>
            arr<{ number?: unknown; status?: unknown; endTimeUtc?: unknown; allowedSourceAddressPrefix?: unknown }>(v?.ports).flatMap((port) => {
              const end = isoDate(port?.endTimeUtc);
              const number = num(port?.number);
              if (port?.status !== 'Initiated' || !end || number === null || new Date(end).getTime() <= nowMs) return [];
              return [{ vmId: strOr(v.id), port: number, requestor: str(r.requestor), source: str(port.allowedSourceAddressPrefix), endTimeUtc: end }];
            }),
          ),
        ),
      };
    }),
    warnings,
  };
  return { topology, failures };
}
