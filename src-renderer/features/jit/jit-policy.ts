/** Just-In-Time access facts the dialog needs, derived from the topology's JIT policies. Pure. */
import type { InvokeResponse } from '../../../src-main/ipc/contract';

/** One JIT policy as the topology reports it. */
export type JitPolicyValue = InvokeResponse<'azure.topology'>['jitPolicies'][number];

/** Minutes in an ISO 8601 duration such as `PT3H`, `PT90M`, `P1D`; undefined when unreadable. */
export function isoDurationMinutes(duration: string | null | undefined): number | undefined {
  if (!duration) return undefined;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(duration.trim());
  if (!m || duration.trim().toUpperCase() === 'P' || duration.trim().toUpperCase() === 'PT') return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(min ?? 0) + Math.floor(Number(s ?? 0) / 60);
}

/** The policy covering a VM, with the ports it may open and the longest duration allowed for each. */
export function jitFor(vmId: string, policies: readonly JitPolicyValue[]) {
  const lower = vmId.toLowerCase();
  const policy = policies.find((p) => p.vmIds.some((id) => id.toLowerCase() === lower));
  if (!policy) return undefined;
  const ports = policy.ports
    .filter((p) => p.vmId.toLowerCase() === lower)
    .map((p) => ({ number: p.number, protocol: p.protocol, maxMinutes: isoDurationMinutes(p.maxRequestAccessDuration) ?? 180 }));
  const open = policy.openRequests.filter((r) => r.vmId.toLowerCase() === lower);
  return { policy, ports, open };
}

/** Whether a requested duration is allowed: whole minutes, at least 5 (the API's floor), at most the policy maximum. */
export function durationProblem(minutes: number, maxMinutes: number): 'too-short' | 'too-long' | 'not-whole' | undefined {
  if (!Number.isInteger(minutes)) return 'not-whole';
  if (minutes < 5) return 'too-short';
  if (minutes > maxMinutes) return 'too-long';
  return undefined;
}

/** Seconds left until `endTimeUtc` (0 when past or unreadable). */
export function secondsLeft(endTimeUtc: string, now: number): number {
  const end = Date.parse(endTimeUtc);
  return Number.isNaN(end) ? 0 : Math.max(0, Math.floor((end - now) / 1000));
}

/** `h:mm:ss` (or `m:ss` under an hour) for a countdown. */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function ipv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Why a JIT source the operator typed cannot be sent: empty where the path needs one, or not an address / CIDR range. */
export function sourceProblem(value: string, required: boolean): 'required' | 'invalid' | undefined {
  if (value === '') return required ? 'required' : undefined;
  const [address = '', bits, extra] = value.split('/');
  if (extra !== undefined) return 'invalid';
  const v4 = ipv4(address);
  if (!v4 && !ipv6(address)) return 'invalid';
  if (bits === undefined) return undefined;
  return /^(0|[1-9]\d{0,2})$/.test(bits) && Number(bits) <= (v4 ? 32 : 128) ? undefined : 'invalid';
}
