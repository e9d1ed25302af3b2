import { nameOf, parseResourceId, sameId } from '../../azure/arm-ids';
import { ipInRanges } from '../cidr';
import type { Topology } from '../../azure/topology';
import { clusterVnetId, dnsLinkFor, peeringBetween } from '../../paths/topology-queries';
import { JUMP_BOX_PATHS, NETWORK_PATHS, onPaths, outcome, type Check, type CheckContext } from '../check';
import { fix, portalLink, sh } from '../remediation';

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

/** VNet peering between the source VNet and the cluster VNet exists both ways, Connected and FullyInSync. */
export const vnetPeering: Check = {
  id: 'vnet-peering',
  title: 'VNet peering to the cluster VNet, both ways',
  hops: ['peering', 'private-endpoint'],
  appliesTo: onPaths(NETWORK_PATHS),
  async run(ctx) {
    const t = await ctx.topology('network');
    if (!t.cluster.isPrivate) return outcome.skip('The cluster is public; no peering is needed.');
    const cluster = clusterVnetId(t);
    const source = await sourceVnet(ctx);
    if (!cluster || !source) return outcome.skip(`Cannot tell which VNets to compare (cluster VNet: ${nameOf(cluster) || 'unknown'}, source VNet: ${nameOf(source) || 'unknown'}).`);
    const verdict = peeringBetween(t, source, cluster);
    if (verdict.ok) return outcome.pass(...verdict.evidence);
    const forward = t.peerings.find((p) => sameId(p.localVnetId, source) && sameId(p.remoteVnetId, cluster));
    const backward = t.peerings.find((p) => sameId(p.localVnetId, cluster) && sameId(p.remoteVnetId, source));
    const commands: string[] = [];
    const healthy = (p: typeof forward) => p && p.state === 'Connected' && (p.syncLevel ?? 'FullyInSync') === 'FullyInSync';
    if (!healthy(forward)) commands.push(peeringCommand(source, cluster, forward));
    if (!healthy(backward)) commands.push(peeringCommand(cluster, source, backward));
    return outcome.fail(
      [...verdict.evidence, ...verdict.problems.map((p) => `Problem: ${p}.`)],
      fix(
        [
          `Create the missing side(s) so ${nameOf(source)} and ${nameOf(cluster)} are peered both ways.`,
          'A Disconnected peering cannot be repaired in place: delete it and create it again on both sides.',
          'When the address space changed, sync the peering so both sides are FullyInSync.',
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
    if (!gw?.vnetId || !cluster) return outcome.skip('No gateway was found, so gateway transit is not checked here (see the gateway check).');
    if (sameId(gw.vnetId, cluster)) return outcome.pass(`Gateway ${gw.name} is in the cluster VNet; no transit is needed.`);
    const hub = t.peerings.find((p) => sameId(p.localVnetId, gw.vnetId) && sameId(p.remoteVnetId, cluster));
    const spoke = t.peerings.find((p) => sameId(p.localVnetId, cluster) && sameId(p.remoteVnetId, gw.vnetId));
    const evidence = [
      `${nameOf(gw.vnetId)} → ${nameOf(cluster)}: allowGatewayTransit = ${hub?.allowGatewayTransit ?? 'no peering'}.`,
      `${nameOf(cluster)} → ${nameOf(gw.vnetId)}: useRemoteGateways = ${spoke?.useRemoteGateways ?? 'no peering'}.`,
    ];
    if (hub?.allowGatewayTransit && spoke?.useRemoteGateways) return outcome.pass(...evidence);
    const commands: string[] = [];
    if (hub && !hub.allowGatewayTransit) commands.push(`az network vnet peering update --resource-group ${sh(parseResourceId(gw.vnetId)!.resourceGroup ?? '')} --vnet-name ${sh(nameOf(gw.vnetId))} --name ${sh(hub.name)} --set allowGatewayTransit=true`);
    if (spoke && !spoke.useRemoteGateways) commands.push(`az network vnet peering update --resource-group ${sh(parseResourceId(cluster)!.resourceGroup ?? '')} --vnet-name ${sh(nameOf(cluster))} --name ${sh(spoke.name)} --set useRemoteGateways=true`);
    return outcome.fail(evidence, fix(['Allow gateway transit on the hub side and use remote gateways on the spoke side, so on-premises routes reach the cluster VNet.'], commands.join('\n') || null, portalLink(ctx.portal, gw.vnetId, 'peerings')));
  },
};

/** The private DNS zone is linked to the VNet the operator resolves from. */
export const privateDnsLink: Check = {
  id: 'private-dns-link',
  title: 'Private DNS zone linked to the jump-box VNet',
  hops: ['dns'],
  appliesTo: onPaths(JUMP_BOX_PATHS),
  async run(ctx) {
    const t = await ctx.topology('network', 'dns');
    if (!t.cluster.isPrivate) return outcome.skip('The cluster is public; its name resolves in public DNS.');
    if (t.dns.mode === 'none') return outcome.warn([`The cluster uses privateDNSZone = none: the private FQDN resolves only through your own DNS.`], null);
    if (!t.dns.zoneId) {
      return outcome.fail([`No private DNS zone holding ${t.cluster.privateFqdn ?? 'the private FQDN'} was found${t.cluster.nodeResourceGroup ? ` in ${t.cluster.nodeResourceGroup}` : ''}.`], fix(['Check that the cluster\u2019s private DNS zone exists and that you can read it.'], null, portalLink(ctx.portal, t.cluster.id, 'networking')));
    }
    const source = await sourceVnet(ctx);
    if (!source) return outcome.skip('No jump box or gateway VNet is known for this path.');
    const link = dnsLinkFor(t, source);
    const evidence = [`Zone ${t.dns.zoneName}: links to ${t.dns.links.map((l) => `${nameOf(l.vnetId)} (${l.state ?? 'state unknown'})`).join(', ') || 'no VNet'}.`];
    if (link.linked) return outcome.pass(...evidence, `${nameOf(source)} is linked (${link.name}).`);
    const zone = parseResourceId(t.dns.zoneId)!;
    const dnsServers = (await ctx.facts.vnet(source)).dhcpOptions?.dnsServers ?? [];
    if (dnsServers.length > 0 && !link.state) {
      const linkedPrefixes = t.relatedVnets.filter((v) => dnsLinkFor(t, v.id).linked).flatMap((v) => v.addressPrefixes);
      const forwarder = dnsServers.find((ip) => ipInRanges(ip, linkedPrefixes));
      if (forwarder) {
        return outcome.warn(
          [...evidence, `${nameOf(source)} has no link but uses custom DNS servers ${dnsServers.join(', ')}; ${forwarder} sits in a linked VNet.`],
          fix([`Make sure ${forwarder} forwards ${t.dns.zoneName} (or everything) to Azure DNS 168.63.129.16; ARM cannot show forwarder rules, the jump-box DNS check confirms it.`], null, portalLink(ctx.portal, t.dns.zoneId, 'virtualNetworkLinks')),
        );
      }
      evidence.push(`${nameOf(source)} uses custom DNS servers ${dnsServers.join(', ')}, none of them in a VNet linked to the zone.`);
    }
    return outcome.fail(
      [...evidence, link.state ? `The link to ${nameOf(source)} is ${link.state}.` : `${nameOf(source)} has no link, so ${t.cluster.privateFqdn ?? 'the private FQDN'} will not resolve there.`],
      fix(
        [`Link zone ${t.dns.zoneName} to ${nameOf(source)} (or forward DNS from that VNet to a resolver in a linked VNet).`],
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
    if (!t.cluster.isPrivate) return outcome.skip('The cluster is public.');
    if (t.dns.mode === 'none' || !t.dns.zoneId) return outcome.skip('No private DNS zone is managed for this cluster (see the DNS link check).');
    const zone = parseResourceId(t.dns.zoneId)!;
    const relative = t.cluster.privateFqdn && t.dns.zoneName ? t.cluster.privateFqdn.slice(0, -(t.dns.zoneName.length + 1)) : '';
    const expected = t.dns.privateEndpointIp;
    const az = `az network private-dns record-set a add-record --subscription ${sh(zone.subscriptionId)} --resource-group ${sh(zone.resourceGroup ?? '')} --zone-name ${sh(zone.name)} --record-set-name ${sh(relative)} --ipv4-address ${expected ?? '<private-endpoint-ip>'}`;
    if (!t.dns.aRecord) {
      return outcome.fail(
        [`Zone ${t.dns.zoneName} has no A record ${relative}.`, `The API server private endpoint is ${expected ?? 'unknown'}.`],
        fix([`Recreate the A record ${relative} pointing at the private endpoint ${expected ?? ''}.`], az, portalLink(ctx.portal, t.dns.zoneId, 'recordsets')),
      );
    }
    const evidence = [`${t.dns.aRecord.name}.${t.dns.zoneName} → ${t.dns.aRecord.ips.join(', ') || '(no address)'}.`, `Private endpoint: ${expected ?? 'unknown'}.`];
    if (expected && !t.dns.aRecord.ips.includes(expected)) {
      return outcome.fail([...evidence, 'The record does not point at the private endpoint.'], fix([`Point the record at ${expected}.`], az, portalLink(ctx.portal, t.dns.zoneId, 'recordsets')));
    }
    return outcome.pass(...evidence);
  },
};
