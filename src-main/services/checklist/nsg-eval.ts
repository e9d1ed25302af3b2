import type { NetworkSecurityGroup, SecurityRule } from '@azure/arm-network';
import { cidrWithin, ipInRange } from '../azure-model';

/** Where the SSH traffic comes from, as the NSG will see it. */
export interface TrafficSource {
  /** A CIDR or single address. */
  readonly prefix: string;
  /** True when the source is inside the VNet space (Bastion subnet, VPN pool), so the `VirtualNetwork` tag covers it. */
  readonly insideVnet: boolean;
  readonly label: string;
}

/** The first rule that decides the traffic, or none (then the default DenyAllInBound decides). */
export interface NsgVerdict {
  readonly allowed: boolean;
  readonly ruleName: string;
  readonly priority: number;
  readonly notes: string[];
}

function portMatches(rule: SecurityRule, port: number): boolean {
  const ranges = [...(rule.destinationPortRanges ?? []), ...(rule.destinationPortRange ? [rule.destinationPortRange] : [])];
  return ranges.some((r) => {
    if (r === '*') return true;
    const [lo, hi] = r.split('-').map((n) => Number(n.trim()));
    return hi === undefined ? lo === port : lo! <= port && port <= hi;
  });
}

function sourceMatches(rule: SecurityRule, source: TrafficSource, notes: string[]): boolean {
  const prefixes = [...(rule.sourceAddressPrefixes ?? []), ...(rule.sourceAddressPrefix ? [rule.sourceAddressPrefix] : [])];
  if (prefixes.length === 0 && (rule.sourceApplicationSecurityGroups?.length ?? 0) > 0) {
    notes.push(`rule ${rule.name} uses application security groups, which the console cannot evaluate`);
    return false;
  }
  return prefixes.some((p) => {
    const tag = p.toLowerCase();
    if (tag === '*' || tag === 'any' || tag === '0.0.0.0/0') return true;
    if (tag === 'virtualnetwork') return source.insideVnet;
    if (tag === 'internet') return !source.insideVnet;
    if (/^[a-z]/i.test(p) && !p.includes(':')) return false;
    return source.prefix.includes('/') ? cidrWithin(source.prefix, p) : ipInRange(source.prefix, p);
  });
}

function destinationMatches(rule: SecurityRule, destinationIp: string | null): boolean {
  const prefixes = [...(rule.destinationAddressPrefixes ?? []), ...(rule.destinationAddressPrefix ? [rule.destinationAddressPrefix] : [])];
  if (prefixes.length === 0) return (rule.destinationApplicationSecurityGroups?.length ?? 0) === 0;
  return prefixes.some((p) => {
    const tag = p.toLowerCase();
    if (tag === '*' || tag === 'any' || tag === 'virtualnetwork') return true;
    return destinationIp !== null && ipInRange(destinationIp, p);
  });
}

function protocolMatches(rule: SecurityRule): boolean {
  const protocol = (rule.protocol ?? '*').toLowerCase();
  return protocol === '*' || protocol === 'tcp' || protocol === 'all';
}

/**
 * Evaluates inbound TCP `port` from `source` to `destinationIp` against one NSG the way Azure does:
 * custom and default rules ordered by priority, the first match wins.
 */
export function evaluateInbound(nsg: NetworkSecurityGroup, source: TrafficSource, port: number, destinationIp: string | null): NsgVerdict {
  const notes: string[] = [];
  const rules = [...(nsg.securityRules ?? []), ...(nsg.defaultSecurityRules ?? [])]
    .filter((r) => (r.direction ?? '').toLowerCase() === 'inbound' && typeof r.priority === 'number')
    .sort((a, b) => a.priority! - b.priority!);
  for (const rule of rules) {
    if (!protocolMatches(rule) || !portMatches(rule, port) || !destinationMatches(rule, destinationIp)) continue;
    if (!sourceMatches(rule, source, notes)) continue;
    return { allowed: (rule.access ?? '').toLowerCase() === 'allow', ruleName: rule.name ?? '(unnamed)', priority: rule.priority!, notes };
  }
  return { allowed: false, ruleName: 'DenyAllInBound (implicit)', priority: 65500, notes };
}
