import { type Topology, nameOf, sameId } from '../azure-model';

type JumpBox = Topology['jumpBoxes'][number];
type Bastion = Topology['bastions'][number];

/** One thing wrong with a peering: a stable code and the values it names (for translation), and English text. */
export interface PeeringIssue {
  readonly code: 'peering-vnet-unknown' | 'peering-missing' | 'peering-state-unknown' | 'peering-not-connected' | 'peering-out-of-sync';
  readonly text: string;
  readonly params: Record<string, string>;
}

/** What is wrong (if anything) with the peering between two VNets, read from both sides. */
export interface PeeringVerdict {
  readonly ok: boolean;
  readonly sameVnet: boolean;
  /** The issues as English text (check evidence). */
  readonly problems: string[];
  /** The same issues with codes, for the path chooser's translatable reasons. */
  readonly issues: PeeringIssue[];
  readonly evidence: string[];
}

function peeringIssue(name: string, state: string | null, sync: string | null): PeeringIssue {
  const text = `peering ${name} is ${state ?? 'in an unknown state'}${sync && sync !== 'FullyInSync' ? ` (${sync})` : ''}`;
  if (state === null) return { code: 'peering-state-unknown', text, params: { peering: name } };
  if (sync && sync !== 'FullyInSync') return { code: 'peering-out-of-sync', text, params: { peering: name, state, sync } };
  return { code: 'peering-not-connected', text, params: { peering: name, state } };
}

const healthy = (state: string | null, sync: string | null) => state === 'Connected' && (sync === null || sync === 'FullyInSync');

/** Checks that `a` and `b` are the same VNet or peered both ways, Connected and FullyInSync. */
export function peeringBetween(t: Topology, a: string | null, b: string | null): PeeringVerdict {
  if (!a || !b) {
    const text = 'a VNet could not be determined';
    return { ok: false, sameVnet: false, problems: [text], issues: [{ code: 'peering-vnet-unknown', text, params: {} }], evidence: [] };
  }
  if (sameId(a, b)) return { ok: true, sameVnet: true, problems: [], issues: [], evidence: [`${nameOf(a)} is the cluster's own VNet; no peering is needed.`] };
  const forward = t.peerings.find((p) => sameId(p.localVnetId, a) && sameId(p.remoteVnetId, b));
  const backward = t.peerings.find((p) => sameId(p.localVnetId, b) && sameId(p.remoteVnetId, a));
  const issues: PeeringIssue[] = [];
  const evidence: string[] = [];
  for (const [side, from, to] of [[forward, a, b], [backward, b, a]] as const) {
    if (!side) {
      issues.push({ code: 'peering-missing', text: `no peering from ${nameOf(from)} to ${nameOf(to)}`, params: { from: nameOf(from), to: nameOf(to) } });
      evidence.push(`${nameOf(from)} → ${nameOf(to)}: missing`);
    } else {
      evidence.push(`${nameOf(from)} → ${nameOf(to)} (${side.name}): ${side.state ?? 'unknown'}, ${side.syncLevel ?? 'sync unknown'}`);
      if (!healthy(side.state, side.syncLevel)) issues.push(peeringIssue(side.name, side.state, side.syncLevel));
    }
  }
  return { ok: issues.length === 0, sameVnet: false, problems: issues.map((i) => i.text), issues, evidence };
}

/** Whether the VNet resolves the private FQDN: a Completed link to the cluster's zone. */
export function dnsLinkFor(t: Topology, vnetId: string | null): { linked: boolean; state: string | null; name: string | null } {
  const link = t.dns.links.find((l) => sameId(l.vnetId, vnetId));
  return { linked: !!link && (link.state === null || link.state === 'Completed'), state: link?.state ?? null, name: link?.name ?? null };
}

/** Bastion SKUs that support the native client and peered VNets. */
export function bastionSkuSupportsNativeClient(sku: string | null): boolean {
  return sku === 'Standard' || sku === 'Premium';
}

/** Jump boxes worth proposing: not AKS nodes, Linux or unknown OS. */
export function jumpBoxCandidates(t: Topology): JumpBox[] {
  return t.jumpBoxes.filter((j) => !j.isAksNode);
}

/** A Bastion that can reach the jump box's VNet (same VNet, or Standard+ over a healthy peering). */
export function bastionFor(t: Topology, jumpBox: JumpBox): Bastion | undefined {
  const sameVnet = t.bastions.find((b) => sameId(b.vnetId, jumpBox.vnetId));
  if (sameVnet) return sameVnet;
  return t.bastions.find((b) => bastionSkuSupportsNativeClient(b.sku) && peeringBetween(t, b.vnetId, jumpBox.vnetId).ok);
}

/** The cluster's VNet id. */
export function clusterVnetId(t: Topology): string | null {
  return t.clusterVnet?.id ?? null;
}
