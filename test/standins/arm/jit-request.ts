/**
 * What Defender for Cloud's JIT `initiate` refuses in one requested port, beyond its shape: a port the
 * policy does not configure for the VM, a source that is not an address or CIDR range, or one outside
 * the policy port's allowed source (`*` allows any).
 */
import ipaddr from 'ipaddr.js';

type Json = Record<string, unknown>;

function cidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    return text.includes('/') ? ipaddr.parseCIDR(text) : [ipaddr.parse(text), text.includes(':') ? 128 : 32];
  } catch {
    return null;
  }
}

function within(inner: string, outer: string): boolean {
  const a = cidr(inner);
  const b = cidr(outer);
  if (!a || !b || a[0].kind() !== b[0].kind() || a[1] < b[1]) return false;
  return a[0].match([b[0], b[1]] as [typeof a[0], number]);
}

/** The error message for a requested port the policy's VM entry does not allow, or null when it is acceptable. */
export function jitPortProblem(policyVm: Json | undefined, port: Json): string | null {
  const configured = ((policyVm?.ports ?? []) as Json[]).find((p) => p.number === port.number);
  if (!configured) return `Port ${String(port.number)} is not configured in the JIT network access policy for this virtual machine.`;
  const requested = port.allowedSourceAddressPrefix;
  if (requested === undefined) return null;
  if (typeof requested !== 'string' || (requested !== '*' && !cidr(requested))) return `allowedSourceAddressPrefix '${String(requested)}' is not a valid IP address or CIDR range.`;
  const allowed = [configured.allowedSourceAddressPrefix, ...((configured.allowedSourceAddressPrefixes ?? []) as unknown[])].filter((p): p is string => typeof p === 'string');
  if (allowed.includes('*') || (requested !== '*' && allowed.some((p) => within(requested, p)))) return null;
  return `allowedSourceAddressPrefix '${requested}' is not allowed by the JIT network access policy (allowed: ${allowed.join(', ')}).`;
}
