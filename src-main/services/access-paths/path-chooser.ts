import type { z } from 'zod';
import type { PathId, PathPreferences, RankedPath } from '../../ipc/contract/azure';
import { type Topology, ipInRanges, nameOf, sameId } from '../azure-model';
import { bastionFor, bastionSkuSupportsNativeClient, clusterVnetId, dnsLinkFor, jumpBoxCandidates, peeringBetween, type PeeringIssue } from './topology-queries';

/** A ranked path. */
export type Path = z.output<typeof RankedPath>;
/** Operator preferences and PAW constraints. */
export type Preferences = z.output<typeof PathPreferences>;
type Id = z.output<typeof PathId>;
type Reason = Path['reasons'][number];

/**
 * Builds a reason with a stable code (for translation), English text and the values it names.
 * Params carry only names, addresses and Azure's own values, never English words: where the
 * wording changes (on/off, a missing value), the code changes, so each language words it itself.
 */
export function reason(code: string, text: string, params: Record<string, string> = {}): Reason {
  return { code, text, params };
}

/** A value Azure did not report, shown the same in every language. */
const NOT_REPORTED = '—';

/** The peering's issues as fixes, each with its own code. */
function peeringFixes(issues: readonly PeeringIssue[]): Reason[] {
  return issues.map((issue) => reason(issue.code, `VNet peering: ${issue.text}.`, issue.params));
}

interface Draft {
  id: Id;
  scenario: string;
  availability: Path['availability'];
  score: number;
  guidanceOnly?: boolean;
  reasons: Reason[];
  fixes?: Reason[];
  jumpBoxId?: string | null;
  bastionId?: string | null;
}

const ORDER: Record<Path['availability'], number> = { available: 0, 'available-after-fix': 1, 'not-applicable': 2 };

function publicPaths(t: Topology, prefs: Preferences, operatorIp: string | null): Draft[] {
  const c = t.cluster;
  const out: Draft[] = [];
  const ranges = c.authorizedIpRanges;
  if (c.publicNetworkAccess === 'Disabled') {
    out.push({ id: 'public-internet', scenario: 'S1', availability: 'not-applicable', score: 0, reasons: [reason('public-network-disabled', `Public network access to ${c.name} is disabled.`, { cluster: c.name })] });
  } else if (ranges.length === 0) {
    out.push({
      id: 'public-internet', scenario: 'S1', availability: 'available', score: 90,
      reasons: [c.fqdn ? reason('public-open', `${c.name} has a public API server (${c.fqdn}) with no authorized IP ranges.`, { cluster: c.name, fqdn: c.fqdn }) : reason('public-open-no-fqdn', `${c.name} has a public API server (no FQDN reported) with no authorized IP ranges.`, { cluster: c.name })],
      fixes: [reason('restrict-ranges', 'Consider limiting the API server to authorized IP ranges.')],
    });
  } else if (!operatorIp) {
    out.push({ id: 'public-internet', scenario: 'S1', availability: 'available', score: 80, reasons: [reason('ranges-ip-unknown', `${c.name} accepts only ${ranges.join(', ')}; your egress IP is unknown, so the console cannot confirm you are inside.`, { cluster: c.name, ranges: ranges.join(', ') })] });
  } else if (ipInRanges(operatorIp, ranges)) {
    out.push({ id: 'public-internet', scenario: 'S1', availability: 'available', score: 90, reasons: [reason('ranges-include-ip', `Your egress IP ${operatorIp} is inside the authorized ranges ${ranges.join(', ')}.`, { ip: operatorIp, ranges: ranges.join(', ') })] });
  } else {
    out.push({
      id: 'public-internet', scenario: 'S1', availability: 'available-after-fix', score: 85,
      reasons: [reason('ranges-exclude-ip', `Your egress IP ${operatorIp} is outside the authorized ranges ${ranges.join(', ')}.`, { ip: operatorIp, ranges: ranges.join(', ') })],
      fixes: [reason('add-ip-range', `Add ${operatorIp}/32 to the authorized IP ranges of ${c.name}.`, { ip: operatorIp, cluster: c.name })],
    });
  }
  out.push({
    id: 'cloud-shell', scenario: 'S2', guidanceOnly: true, score: 40,
    availability: c.publicNetworkAccess === 'Disabled' ? 'not-applicable' : ranges.length === 0 ? 'available' : 'available-after-fix',
    reasons: [reason('cloud-shell-public', 'Cloud Shell runs in the portal and reaches public API servers; the console can only open it for you.')],
    fixes: ranges.length > 0 ? [reason('cloud-shell-ranges', "Cloud Shell's outbound addresses must be inside the authorized IP ranges.")] : [],
  });
  for (const id of ['bastion-jumpbox', 'bastion-apiserver', 'vpn', 'expressroute', 'ssh-jumpbox', 'cloud-shell-vnet'] as const) {
    out.push({ id, scenario: SCENARIO[id], availability: 'not-applicable', score: 0, reasons: [reason('cluster-public', `${c.name} has a public API server; a private network path is not needed.`, { cluster: c.name })] });
  }
  void prefs;
  return out;
}

const SCENARIO: Record<Id, string> = {
  'public-internet': 'S1', 'cloud-shell': 'S2', 'bastion-jumpbox': 'S3', 'bastion-apiserver': 'S3-variant', vpn: 'S4', expressroute: 'S5',
  'command-invoke': 'S6', 'cloud-shell-vnet': 'S7', 'ssh-jumpbox': 'S8', avd: 'AVD', 'aci-ssh': 'ACI',
};

function jumpBoxProblems(t: Topology, jumpBoxVnet: string | null): Reason[] {
  const fixes: Reason[] = [];
  const peering = peeringBetween(t, jumpBoxVnet, clusterVnetId(t));
  fixes.push(...peeringFixes(peering.issues));
  if (t.cluster.privateDnsMode !== 'none' && !dnsLinkFor(t, jumpBoxVnet).linked) {
    fixes.push(reason('dns-link', `Link the private DNS zone ${t.dns.zoneName ?? ''} to ${nameOf(jumpBoxVnet)}.`, { zone: t.dns.zoneName ?? NOT_REPORTED, vnet: nameOf(jumpBoxVnet) || NOT_REPORTED }));
  }
  if (t.cluster.privateDnsMode !== 'none' && t.dns.zoneId && !t.dns.aRecord) {
    const zone = t.dns.zoneName ?? NOT_REPORTED;
    fixes.push(
      t.cluster.privateFqdn
        ? reason('a-record', `The A record for ${t.cluster.privateFqdn} is missing from ${t.dns.zoneName}.`, { fqdn: t.cluster.privateFqdn, zone })
        : reason('a-record-api-server', `The A record for the API server is missing from ${t.dns.zoneName}.`, { zone }),
    );
  }
  return fixes;
}

function bastionPaths(t: Topology): Draft[] {
  const jumpBoxes = jumpBoxCandidates(t);
  const out: Draft[] = [];
  const withBastion = jumpBoxes.map((j) => ({ j, b: bastionFor(t, j) })).filter((x) => x.b);
  if (withBastion.length === 0) {
    const why = t.bastions.length === 0 ? reason('no-bastion', 'No Bastion host was found in the cluster VNet or a peered VNet.') : reason('no-jumpbox', 'No jump box VM was found in a VNet that Bastion reaches.');
    out.push({ id: 'bastion-jumpbox', scenario: 'S3', availability: 'not-applicable', score: 0, reasons: [why] });
  } else {
    const ranked = withBastion
      .map(({ j, b }) => {
        const fixes = jumpBoxProblems(t, j.vnetId);
        if (!bastionSkuSupportsNativeClient(b!.sku)) fixes.push(reason('bastion-sku', `Bastion ${b!.name} is ${b!.sku ?? 'of unknown SKU'}; the native client needs Standard or Premium.`, { bastion: b!.name, sku: b!.sku ?? NOT_REPORTED }));
        else if (!b!.enableTunneling) fixes.push(reason('bastion-tunneling', `Turn on native client support (tunneling) on Bastion ${b!.name}.`, { bastion: b!.name }));
        if (j.powerState && j.powerState !== 'running') fixes.push(reason('jumpbox-stopped', `Start ${j.name} (it is ${j.powerState}).`, { vm: j.name, state: j.powerState }));
        return { j, b: b!, fixes };
      })
      .sort((x, y) => x.fixes.length - y.fixes.length);
    const { j, b, fixes } = ranked[0]!;
    const peering = peeringBetween(t, j.vnetId, clusterVnetId(t));
    const reasons = [
      reason(b.enableTunneling ? 'bastion-native-client-on' : 'bastion-native-client-off', `Bastion ${b.name} is ${b.sku ?? 'unknown SKU'} with native client ${b.enableTunneling ? 'on' : 'off'}.`, { bastion: b.name, sku: b.sku ?? NOT_REPORTED }),
      peering.sameVnet
        ? reason('jumpbox-same-vnet', `Jump box ${j.name} is in the cluster VNet ${nameOf(j.vnetId)}.`, { vm: j.name, vnet: nameOf(j.vnetId) })
        : reason(peering.ok ? 'jumpbox-peered' : 'jumpbox-peered-problems', `Jump box ${j.name} is in ${nameOf(j.vnetId)}, peered ${peering.ok ? 'Connected both ways' : 'with problems'} to the cluster VNet.`, { vm: j.name, vnet: nameOf(j.vnetId) }),
      reason('paw-443', 'Bastion is reached over HTTPS/443, which a PAW allows.'),
    ];
    out.push({ id: 'bastion-jumpbox', scenario: 'S3', availability: fixes.length ? 'available-after-fix' : 'available', score: 90, reasons, fixes, jumpBoxId: j.id, bastionId: b.id });
  }
  const cVnet = clusterVnetId(t);
  const direct = t.bastions
    .map((b) => ({ b, peering: peeringBetween(t, b.vnetId, cVnet) }))
    .sort((x, y) => Number(y.peering.ok) - Number(x.peering.ok))[0];
  if (!direct) {
    out.push({ id: 'bastion-apiserver', scenario: 'S3-variant', availability: 'not-applicable', score: 0, reasons: [reason('no-bastion', 'No Bastion host was found in the cluster VNet or a peered VNet.')] });
  } else {
    const { b, peering } = direct;
    const fixes: Reason[] = [];
    if (!bastionSkuSupportsNativeClient(b.sku)) fixes.push(reason('bastion-sku-api-server', `Bastion ${b.name} is ${b.sku ?? 'of unknown SKU'}; tunneling to the API server needs Standard or Premium.`, { bastion: b.name, sku: b.sku ?? NOT_REPORTED }));
    if (!b.enableTunneling) fixes.push(reason('bastion-tunneling', `Turn on native client support (tunneling) on Bastion ${b.name}.`, { bastion: b.name }));
    fixes.push(...peeringFixes(peering.issues));
    out.push({
      id: 'bastion-apiserver', scenario: 'S3-variant', score: 85, bastionId: b.id,
      availability: fixes.length ? 'available-after-fix' : 'available',
      reasons: [reason('bastion-direct', `Bastion ${b.name} can tunnel port 443 to the cluster resource without a jump box; kubectl then talks to localhost with tls-server-name ${t.cluster.privateFqdn ?? ''}.`, { bastion: b.name, fqdn: t.cluster.privateFqdn ?? NOT_REPORTED })],
      fixes,
    });
  }
  return out;
}

function gatewayPath(t: Topology, kind: 'vpn' | 'expressroute', connected: boolean): Draft {
  const type = kind === 'vpn' ? 'Vpn' : 'ExpressRoute';
  const gw = t.gateways.find((g) => g.gatewayType === type);
  const id: Id = kind;
  // The jump box is the topology's even where the path does not apply, so JIT never claims there is none.
  if (!gw) return { id, scenario: SCENARIO[id], availability: 'not-applicable', score: 0, reasons: [reason(`no-${kind}-gateway`, `No ${kind === 'vpn' ? 'VPN' : 'ExpressRoute'} gateway was found in the cluster VNet or a peered VNet.`)], jumpBoxId: jumpBoxCandidates(t)[0]?.id ?? null };
  const reasons = [
    reason(`${kind}-gateway`, `${kind === 'vpn' ? 'VPN' : 'ExpressRoute'} gateway ${gw.name} (${gw.sku ?? 'unknown SKU'}) is ${gw.provisioningState ?? 'in an unknown state'} in ${nameOf(gw.vnetId)}.`, {
      gateway: gw.name,
      sku: gw.sku ?? NOT_REPORTED,
      state: gw.provisioningState ?? NOT_REPORTED,
      vnet: nameOf(gw.vnetId) || NOT_REPORTED,
    }),
  ];
  const fixes: Reason[] = [];
  if (gw.provisioningState !== 'Succeeded') fixes.push(reason('gateway-state', `Gateway ${gw.name} is ${gw.provisioningState ?? 'unknown'}.`, { gateway: gw.name, state: gw.provisioningState ?? NOT_REPORTED }));
  const cVnet = clusterVnetId(t);
  if (!sameId(gw.vnetId, cVnet)) {
    const hubSide = t.peerings.find((p) => sameId(p.localVnetId, gw.vnetId) && sameId(p.remoteVnetId, cVnet));
    const spokeSide = t.peerings.find((p) => sameId(p.localVnetId, cVnet) && sameId(p.remoteVnetId, gw.vnetId));
    if (!hubSide?.allowGatewayTransit) fixes.push(reason('gateway-transit', `Allow gateway transit on the ${nameOf(gw.vnetId)} side of the peering.`, { vnet: nameOf(gw.vnetId) }));
    if (!spokeSide?.useRemoteGateways) fixes.push(reason('remote-gateways', `Use remote gateways on the ${nameOf(cVnet)} side of the peering.`, { vnet: nameOf(cVnet) }));
    fixes.push(...peeringFixes(peeringBetween(t, gw.vnetId, cVnet).issues));
  }
  if (kind === 'expressroute') {
    const circuit = t.circuits[0];
    if (!circuit) fixes.push(reason('no-circuit', 'No ExpressRoute circuit was found.'));
    else if (circuit.serviceProviderProvisioningState !== 'Provisioned') fixes.push(reason('circuit-provider', `Circuit ${circuit.name} is ${circuit.serviceProviderProvisioningState ?? 'unknown'} at the provider.`, { circuit: circuit.name, state: circuit.serviceProviderProvisioningState ?? NOT_REPORTED }));
    reasons.push(reason('er-not-encrypted', 'ExpressRoute traffic is not encrypted by default.'));
  }
  if (connected) reasons.push(reason('connected', 'You said this workstation is connected through it.'));
  const jumpBox = jumpBoxCandidates(t).find((j) => sameId(j.vnetId, gw.vnetId)) ?? jumpBoxCandidates(t)[0];
  if (jumpBox) fixes.push(...jumpBoxProblems(t, jumpBox.vnetId));
  else if (t.cluster.privateDnsMode !== 'none' && !dnsLinkFor(t, gw.vnetId).linked) fixes.push(reason('dns-link-or-forward', `Link the private DNS zone to ${nameOf(gw.vnetId)} or forward DNS to it.`, { vnet: nameOf(gw.vnetId) || NOT_REPORTED }));
  return { id, scenario: SCENARIO[id], availability: fixes.length ? 'available-after-fix' : 'available', score: (kind === 'vpn' ? 70 : 65) + (connected ? 30 : 0), reasons, fixes, jumpBoxId: jumpBox?.id ?? null };
}

function sshPath(t: Topology, prefs: Preferences): Draft {
  const withIp = jumpBoxCandidates(t).find((j) => j.publicIp);
  if (!withIp) return { id: 'ssh-jumpbox', scenario: 'S8', availability: 'not-applicable', score: 0, reasons: [reason('no-public-ip', 'No jump box has a public IP (as recommended for production); use Bastion instead.')] };
  const fixes = jumpBoxProblems(t, withIp.vnetId);
  const reasons = [reason('jumpbox-public-ip', `Jump box ${withIp.name} has public IP ${withIp.publicIp}; public IPs are for dev/test only.`, { vm: withIp.name, ip: withIp.publicIp ?? NOT_REPORTED })];
  if (!prefs.sshEgressAllowed) fixes.push(reason('paw-ssh-blocked', 'SSH/22 egress is usually blocked on a PAW; Bastion over 443 avoids it.'));
  return { id: 'ssh-jumpbox', scenario: 'S8', availability: fixes.length ? 'available-after-fix' : 'available', score: prefs.sshEgressAllowed ? 75 : 40, reasons, fixes, jumpBoxId: withIp.id };
}

function commandInvoke(t: Topology): Draft {
  const c = t.cluster;
  if (c.runCommandDisabled) {
    return { id: 'command-invoke', scenario: 'S6', availability: 'available-after-fix', score: 50, reasons: [reason('run-command-disabled', `Run command is disabled on ${c.name}.`, { cluster: c.name })], fixes: [reason('enable-run-command', `Enable run command on ${c.name}.`, { cluster: c.name })] };
  }
  return { id: 'command-invoke', scenario: 'S6', availability: 'available', score: 50, reasons: [reason('run-command', 'Commands run through the Azure API in a temporary pod; no network path is needed (the node pool needs room for the pod).')] };
}

/** Ranks every scenario for a cluster: available first, then after-fix, then not applicable; PAW rules and preferences adjust the order. */
export function rankPaths(t: Topology, prefs: Preferences = {}, operatorIp: string | null = null): Path[] {
  const drafts: Draft[] = [];
  if (!t.cluster.isPrivate) {
    drafts.push(...publicPaths(t, prefs, operatorIp), commandInvoke(t));
    drafts.push(
      { id: 'avd', scenario: 'AVD', guidanceOnly: true, availability: 'not-applicable', score: 0, reasons: [reason('guidance-public', 'Guidance only; a public API server needs no jump host.')] },
      { id: 'aci-ssh', scenario: 'ACI', guidanceOnly: true, availability: 'not-applicable', score: 0, reasons: [reason('guidance-public', 'Guidance only; a public API server needs no jump host.')] },
    );
  } else {
    const note = t.cluster.publicFqdnEnabled ? [reason('public-fqdn-private-ip', `The public FQDN ${t.cluster.fqdn ?? ''} still resolves, but to the private address; routing stays private.`, { fqdn: t.cluster.fqdn ?? NOT_REPORTED })] : [];
    drafts.push(
      { id: 'public-internet', scenario: 'S1', availability: 'not-applicable', score: 0, reasons: [reason('cluster-private', `${t.cluster.name} is a private cluster.`, { cluster: t.cluster.name }), ...note] },
      { id: 'cloud-shell', scenario: 'S2', guidanceOnly: true, availability: 'not-applicable', score: 0, reasons: [reason('cloud-shell-private', 'Cloud Shell cannot reach a private cluster unless it is deployed into a connected VNet (S7).')] },
      ...bastionPaths(t),
      gatewayPath(t, 'vpn', prefs.vpnConnected === true),
      gatewayPath(t, 'expressroute', prefs.expressRouteConnected === true),
      commandInvoke(t),
      sshPath(t, prefs),
      {
        id: 'cloud-shell-vnet', scenario: 'S7', guidanceOnly: true, availability: 'available-after-fix', score: 20,
        reasons: [
          t.clusterVnet
            ? reason('cloud-shell-vnet', `Deploy Cloud Shell into a subnet of ${t.clusterVnet.name} or a peered VNet; the console can only guide.`, { vnet: t.clusterVnet.name })
            : reason('cloud-shell-cluster-vnet', 'Deploy Cloud Shell into a subnet of the cluster VNet or a peered VNet; the console can only guide.'),
        ],
      },
      { id: 'avd', scenario: 'AVD', guidanceOnly: true, availability: 'available-after-fix', score: 10, reasons: [reason('avd', 'Azure Virtual Desktop session hosts in a connected VNet can act as Windows jump boxes for mixed-OS teams; guidance only.')] },
      { id: 'aci-ssh', scenario: 'ACI', guidanceOnly: true, availability: 'available-after-fix', score: 5, reasons: [reason('aci', 'An Azure Container Instance with an OpenSSH-compatible client in a connected subnet can serve as a throwaway jump host; guidance only.')] },
    );
    if (prefs.preferNoJumpBox) for (const d of drafts) if (d.id === 'bastion-apiserver' || d.id === 'command-invoke') d.score += 10;
  }
  drafts.sort((a, b) => ORDER[a.availability] - ORDER[b.availability] || b.score - a.score);
  return drafts.map((d, i) => ({
    id: d.id,
    scenario: d.scenario,
    rank: i + 1,
    availability: d.availability,
    guidanceOnly: d.guidanceOnly ?? false,
    reasons: d.reasons,
    fixes: d.fixes ?? [],
    jumpBoxId: d.jumpBoxId ?? null,
    bastionId: d.bastionId ?? null,
  }));
}
