import ipaddr from 'ipaddr.js';

/** True when `ip` parses as an IPv4 or IPv6 address. */
export function isIp(value: string): boolean {
  return ipaddr.isValid(value);
}

function normalize(ip: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(ip);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

/** True when `ip` is inside `range` (a CIDR or a bare address); unparsable input is never a match. */
export function ipInRange(ip: string, range: string): boolean {
  try {
    const address = normalize(ip);
    const [net, bits] = range.includes('/') ? ipaddr.parseCIDR(range) : [ipaddr.parse(range), range.includes(':') ? 128 : 32];
    const network = net.kind() === 'ipv6' && (net as ipaddr.IPv6).isIPv4MappedAddress() ? (net as ipaddr.IPv6).toIPv4Address() : net;
    if (address.kind() !== network.kind()) return false;
    return address.match([network, bits] as [typeof address, number]);
  } catch {
    return false;
  }
}

/** True when `ip` is inside any of `ranges`. */
export function ipInRanges(ip: string, ranges: readonly string[]): boolean {
  return ranges.some((r) => ipInRange(ip, r));
}

/** True when CIDR `inner` lies wholly inside CIDR `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  try {
    const [innerNet, innerBits] = ipaddr.parseCIDR(inner.includes('/') ? inner : `${inner}/${inner.includes(':') ? 128 : 32}`);
    const [outerNet, outerBits] = ipaddr.parseCIDR(outer.includes('/') ? outer : `${outer}/${outer.includes(':') ? 128 : 32}`);
    if (innerNet.kind() !== outerNet.kind() || innerBits < outerBits) return false;
    return innerNet.match([outerNet, outerBits] as [typeof innerNet, number]);
  } catch {
    return false;
  }
}
