import { nameOf, parseResourceId, sameId, ipInRanges, type Topology } from '../../azure-model';
import { clusterVnetId, dnsLinkFor, peeringBetween } from '../../access-paths';
import { JUMP_BOX_PATHS, NETWORK_PATHS, onPaths, outcome, type Check, type CheckContext } from '../check';
import { fix, portalLink, sh } from '../remediation';
import { NOT_REPORTED, say } from '../check-text';
import type { CheckText } from '../../../ipc/contract/check-text';

/** The VNet the operator's traffic (or DNS lookups) come from on this path. */
async function sourceVnet(ctx: CheckContext): Promise<string | null> {
  if (ctx.path === 'bastion-apiserver') return (await ctx.bastion())?.vnetId ?? null;
  const jump = await ctx.jumpBox();
  if (jump) return jump.view.vnetId;
  if (ctx.path === 'vpn' || ctx.path === 'expressroute') return (await ctx.topology('gateways')).gateways.find((g) => g.gatewayType === (ctx.path === 'vpn' ? 'Vpn' : 'ExpressRoute'))?.vnetId ?? null;
  return null;
}

function peeringCommand(localId: string, remoteId: string, existing: Topology['peerings'][number] | undefined): string {
  const local = parseResourceId(localId)!;
  const base = `--resource-group ${sh(local.resourceGroup ?? '')} --vnet-name ${sh(local.name)}`;
  if (!existing) return `az network vnet peering create ${base} --name ${sh(`${local.name}-to-${nameOf(remoteId)}`)} --remote-vnet ${sh(remoteId)} --allow-vnet-access`;
  if (existing.state === 'Disconnected') return `az network vnet peering delete ${base} --name ${sh(existing.name)} && az network vnet peering create ${base} --name ${sh(existing.name)} --remote-vnet ${sh(remoteId)} --allow-vnet-access`;
  return `az network vnet peering sync ${base} --name ${sh(existing.name)}`;
}

/** The peering evidence of `peeringBetween`, coded: each side's state, or the cluster's own VNet. */
function peeringEvidence(t: Topology, source: string, cluster: string): CheckText[] {
  if (sameId(source, cluster)) return [say('peering.same_vnet', `${nameOf(source)} is the cluster's own VNet; no peering is needed.`, { vnet: nameOf(source) })];
  return ([[source, cluster], [cluster, source]] as const).map(([from, to]) => {
    const side = t.peerings.find((p) => sameId(p.localVnetId, from) && sameId(p.remoteVnetId, to));
    const names = { from: nameOf(from), to: nameOf(to) };
    if (!side) return say('peering.side_missing', `${names.from} → ${names.to}: missing`, names);
    return say('peering.side_state', `${names.from} → ${names.to} (${side.name}): ${side.state ?? 'unknown'}, ${side.syncLevel ?? 'sync unknown'}`, {
      ...names,
      peering: side.name,
      state: side.state ?? NOT_REPORTED,
      sync: side.syncLevel ?? NOT_REPORTED,
    });
  });
}

/** VNet peering between the source VNet and the cluster VNet exists both ways, Connected and FullyInSync. */
export const vnetPeering: Check = {
  id: 'vnet-peering',
  title: 'VNet peering to the cluster VNet, both ways',
  hops: ['peering', 'private-endpoint'],
  appliesTo: onPaths(NETWORK_PATHS),
  async run(ctx) {
    const t = await ctx.topology('network');
    if (!t.cluster.isPrivate) return outcome.skip(say('peering.public_cluster', 'The cluster is public; no peering is needed.'));
    const cluster = clusterVnetId(t);
    const source = await sourceVnet(ctx);
    if (!cluster || !source) return outcome.skip(say('peering.vnets_unknown', `Cannot tell which VNets to compare (cluster VNet: ${nameOf(cluster) || 'unknown'}, source VNet: ${nameOf(source) || 'unknown'}).`, { cluster: nameOf(cluster) || NOT_REPORTED, source: nameOf(source) || NOT_REPORTED }));
    const verdict = peeringBetween(t, source, cluster);
    const evidence = peeringEvidence(t, source, cluster);
    if (verdict.ok) return outcome.pass(...evidence);
    const forward = t.peerings.find((p) => sameId(p.localVnetId, source) && sameId(p.remoteVnetId, cluster));
    const backward = t.peerings.find((p) => sameId(p.localVnetId, cluster) && sameId(p.remoteVnetId, source));
    const commands: string[] = [];
    const healthy = (p: typeof forward) => p && p.state === 'Connected' && (p.syncLevel ?? 'FullyInSync') === 'FullyInSync';
    if (!healthy(forward)) commands.push(peeringCommand(source, cluster, forward));
    if (!healthy(backward)) commands.push(peeringCommand(cluster, source, backward));
    return outcome.fail(
      [...evidence, ...verdict.issues.map((i) => say(`peering.problem.${i.code}`, `Problem: ${i.text}.`, i.params))],
      fix(
        [
          say('peering.fix_create', `Create the missing side(s) so ${nameOf(source)} and ${nameOf(cluster)} are peered both ways.`, { source: nameOf(source), cluster: nameOf(cluster) }),
          say('peering.fix_recreate_disconnected', 'A Disconnected peering cannot be repaired in place: delete it and create it again on both sides.', { state: 'Disconnected' }),
          say('peering.fix_sync', 'When the address space changed, sync the peering so both sides are FullyInSync.', { sync: 'FullyInSync' }),
        ],
        commands.join('\n'),
        portalLink(ctx.portal, forward ? source : cluster, 'peerings'),
      ),
    );
  },
};

/** For VPN/ExpressRoute through a hub: hub allows gateway transit, spoke uses remote gateways. */
export const gatewayTransit: Check = {
  id: 'gateway-transit',
  title: 'Gateway transit on the hub–spoke peering',
  hops: ['peering'],
  appliesTo: onPaths(['vpn', 'expressroute']),
  async run(ctx) {
    const t = await ctx.topology('network', 'gateways');
    const gw = t.gateways.find((g) => g.gatewayType === (ctx.path === 'vpn' ? 'Vpn' : 'ExpressRoute'));
    const cluster = clusterVnetId(t);
    if (!gw?.vnetId || !cluster) return outcome.skip(say('transit.no_gateway', 'No gateway was found, so gateway transit is not checked here (see the gateway check).'));
    if (sameId(gw.vnetId, cluster)) return outcome.pass(say('transit.gateway_in_cluster_vnet', `Gateway ${gw.name} is in the cluster VNet; no transit is needed.`, { gateway: gw.name }));
    const hub = t.peerings.find((p) => sameId(p.localVnetId, gw.vnetId) && sameId(p.remoteVnetId, cluster));
    const spoke = t.peerings.find((p) => sameId(p.localVnetId, cluster) && sameId(p.remoteVnetId, gw.vnetId));
    const evidence = [transitSide(gw.vnetId, cluster, 'allowGatewayTransit', hub?.allowGatewayTransit), transitSide(cluster, gw.vnetId, 'useRemoteGateways', spoke?.useRemoteGateways)];
    if (hub?.allowGatewayTransit && spoke?.useRemoteGateways) return outcome.pass(...evidence);
    const commands: string[] = [];
    if (hub && !hub.allowGatewayTransit) commands.push(`az network vnet peering update --resource-group ${sh(parseResourceId(gw.vnetId)!.resourceGroup ?? '')} --vnet-name ${sh(nameOf(gw.vnetId))} --name ${sh(hub.name)} --set allowGatewayTransit=true`);
    if (spoke && !spoke.useRemoteGateways) commands.push(`az network vnet peering update --resource-group ${sh(parseResourceId(cluster)!.resourceGroup ?? '')} --vnet-name ${sh(nameOf(cluster))} --name ${sh(spoke.name)} --set useRemoteGateways=true`);
    return outcome.fail(evidence, fix([say('transit.fix_enable', 'Allow gateway transit on the hub side and use remote gateways on the spoke side, so on-premises routes reach the cluster VNet.')], commands.join('\n') || null, portalLink(ctx.portal, gw.vnetId, 'peerings')));
  },
};

/** One side of the hub–spoke peering and its transit setting, coded; or that the side has no peering. */
function transitSide(from: string, to: string, setting: string, value: boolean | null | undefined): CheckText {
  const names = { from: nameOf(from), to: nameOf(to), setting };
  if (value === undefined) return say('transit.side_no_peering', `${names.from} → ${names.to}: ${setting} = no peering.`, names);
  return say('transit.side_setting', `${names.from} → ${names.to}: ${setting} = ${String(value)}.`, { ...names, value: String(value) });
}

/** The private DNS zone is linked to the VNet the operator resolves from. */
export const privateDnsLink: Check = {
  id: 'private-dns-link',
  title: 'Private DNS zone linked to the jump-box VNet',
  hops: ['dns'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const t = await ctx.topology('network', 'dns');
    if (!t.cluster.isPrivate) return outcome.skip(say('dns.public_cluster', 'The cluster is public; its name resolves in public DNS.'));
    if (t.dns.mode === 'none') return outcome.warn([say('dns.mode_none', `The cluster uses privateDNSZone = none: the private FQDN resolves only through your own DNS.`)], null);
    const fqdn = t.cluster.privateFqdn ?? NOT_REPORTED;
    if (!t.dns.zoneId) {
      const where = t.cluster.nodeResourceGroup;
      const missing = where
        ? say('dns.no_zone_in', `No private DNS zone holding ${t.cluster.privateFqdn ?? 'the private FQDN'} was found in ${where}.`, { fqdn, resourceGroup: where })
        : say('dns.no_zone', `No private DNS zone holding ${t.cluster.privateFqdn ?? 'the private FQDN'} was found.`, { fqdn });
      return outcome.fail([missing], fix([say('dns.fix_zone_readable', 'Check that the cluster\u2019s private DNS zone exists and that you can read it.')], null, portalLink(ctx.portal, t.cluster.id, 'networking')));
    }
    const source = await sourceVnet(ctx);
    if (!source) return outcome.skip(say('dns.no_source_vnet', 'No jump box or gateway VNet is known for this path.'));
    const link = dnsLinkFor(t, source);
    const zoneName = t.dns.zoneName ?? NOT_REPORTED;
    const links = t.dns.links.map((l) => `${nameOf(l.vnetId)} (${l.state ?? NOT_REPORTED})`).join(', ');
    const evidence = [
      links
        ? say('dns.zone_links', `Zone ${t.dns.zoneName}: links to ${t.dns.links.map((l) => `${nameOf(l.vnetId)} (${l.state ?? 'state unknown'})`).join(', ')}.`, { zone: zoneName, links })
        : say('dns.zone_no_links', `Zone ${t.dns.zoneName}: links to no VNet.`, { zone: zoneName }),
    ];
    if (link.linked) return outcome.pass(...evidence, say('dns.vnet_linked', `${nameOf(source)} is linked (${link.name}).`, { vnet: nameOf(source), link: link.name ?? NOT_REPORTED }));
    const zone = parseResourceId(t.dns.zoneId)!;
    const dnsServers = (await ctx.facts.vnet(source)).dhcpOptions?.dnsServers ?? [];
    if (dnsServers.length > 0 && !link.state) {
      const linkedPrefixes = t.relatedVnets.filter((v) => dnsLinkFor(t, v.id).linked).flatMap((v) => v.addressPrefixes);
      const forwarder = dnsServers.find((ip) => ipInRanges(ip, linkedPrefixes));
      if (forwarder) {
        return outcome.warn(
          [...evidence, say('dns.forwarder_in_linked_vnet', `${nameOf(source)} has no link but uses custom DNS servers ${dnsServers.join(', ')}; ${forwarder} sits in a linked VNet.`, { vnet: nameOf(source), servers: dnsServers.join(', '), forwarder })],
          fix([say('dns.fix_forwarder', `Make sure ${forwarder} forwards ${t.dns.zoneName} (or everything) to Azure DNS 168.63.129.16; ARM cannot show forwarder rules, the jump-box DNS check confirms it.`, { forwarder, zone: zoneName, azureDns: '168.63.129.16' })], null, portalLink(ctx.portal, t.dns.zoneId, 'virtualNetworkLinks')),
        );
      }
      evidence.push(say('dns.custom_servers_unlinked', `${nameOf(source)} uses custom DNS servers ${dnsServers.join(', ')}, none of them in a VNet linked to the zone.`, { vnet: nameOf(source), servers: dnsServers.join(', ') }));
    }
    return outcome.fail(
      [
        ...evidence,
        link.state
          ? say('dns.link_state', `The link to ${nameOf(source)} is ${link.state}.`, { vnet: nameOf(source), state: link.state })
          : say('dns.no_link', `${nameOf(source)} has no link, so ${t.cluster.privateFqdn ?? 'the private FQDN'} will not resolve there.`, { vnet: nameOf(source), fqdn }),
      ],
      fix(
        [say('dns.fix_link', `Link zone ${t.dns.zoneName} to ${nameOf(source)} (or forward DNS from that VNet to a resolver in a linked VNet).`, { zone: zoneName, vnet: nameOf(source) })],
        `az network private-dns link vnet create --subscription ${sh(zone.subscriptionId)} --resource-group ${sh(zone.resourceGroup ?? '')} --zone-name ${sh(zone.name)} --name ${sh(`link-${nameOf(source)}`)} --virtual-network ${sh(source)} --registration-enabled false`,
        portalLink(ctx.portal, t.dns.zoneId, 'virtualNetworkLinks'),
      ),
    );
  },
};

/** The A record for the API server exists and points at the private endpoint IP. */
export const privateDnsRecord: Check = {
  id: 'private-dns-a-record',
  title: 'A record for the API server matches the private endpoint',
  hops: ['private-endpoint', 'dns'],
  appliesTo: onPaths(NETWORK_PATHS),
  async run(ctx) {
    const t = await ctx.topology('dns');
    if (!t.cluster.isPrivate) return outcome.skip(say('endpoint.public_cluster', 'The cluster is public.'));
    if (t.dns.mode === 'none' || !t.dns.zoneId) return outcome.skip(say('endpoint.no_managed_zone', 'No private DNS zone is managed for this cluster (see the DNS link check).'));
    const zone = parseResourceId(t.dns.zoneId)!;
    const relative = t.cluster.privateFqdn && t.dns.zoneName ? t.cluster.privateFqdn.slice(0, -(t.dns.zoneName.length + 1)) : '';
    const expected = t.dns.privateEndpointIp;
    const az = `az network private-dns record-set a add-record --subscription ${sh(zone.subscriptionId)} --resource-group ${sh(zone.resourceGroup ?? '')} --zone-name ${sh(zone.name)} --record-set-name ${sh(relative)} --ipv4-address ${expected ?? '<private-endpoint-ip>'}`;
    const zoneName = t.dns.zoneName ?? NOT_REPORTED;
    const endpoint = expected ?? NOT_REPORTED;
    if (!t.dns.aRecord) {
      return outcome.fail(
        [
          say('endpoint.no_a_record', `Zone ${t.dns.zoneName} has no A record ${relative}.`, { zone: zoneName, record: relative }),
          say('endpoint.endpoint_ip', `The API server private endpoint is ${expected ?? 'unknown'}.`, { ip: endpoint }),
        ],
        fix([say('endpoint.fix_recreate_record', `Recreate the A record ${relative} pointing at the private endpoint ${expected ?? ''}.`, { record: relative, ip: endpoint })], az, portalLink(ctx.portal, t.dns.zoneId, 'recordsets')),
      );
    }
    const ips = t.dns.aRecord.ips.join(', ');
    const evidence = [
      ips
        ? say('endpoint.record_points', `${t.dns.aRecord.name}.${t.dns.zoneName} → ${ips}.`, { record: `${t.dns.aRecord.name}.${zoneName}`, ips })
        : say('endpoint.record_empty', `${t.dns.aRecord.name}.${t.dns.zoneName} → (no address).`, { record: `${t.dns.aRecord.name}.${zoneName}` }),
      say('endpoint.private_endpoint', `Private endpoint: ${expected ?? 'unknown'}.`, { ip: endpoint }),
    ];
    if (expected && !t.dns.aRecord.ips.includes(expected)) {
      return outcome.fail([...evidence, say('endpoint.record_mismatch', 'The record does not point at the private endpoint.')], fix([say('endpoint.fix_point_record', `Point the record at ${expected}.`, { ip: expected })], az, portalLink(ctx.portal, t.dns.zoneId, 'recordsets')));
    }
    return outcome.pass(...evidence);
  },
};
