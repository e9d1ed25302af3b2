import { z } from 'zod';
import { invoke, NoRequest } from './define';

/** What the workstation check looks at: each endpoint the console needs, the clock, the keychain. */
export const ReadinessCheckId = z.enum(['entra', 'arm', 'egress-ip', 'audit-forwarding', 'clock', 'keychain']);

/** How one check ended (`skip`: not configured here, e.g. no audit forwarding). */
export const ReadinessStatus = z.enum(['pass', 'warn', 'fail', 'skip']);

/** Why a check ended as it did; the renderer words each code in the operator's language. */
export const ReadinessCode = z.enum([
  'reachable',
  'unexpected-status',
  'proxy-refused',
  'proxy-auth-required',
  'proxy-upstream-failed',
  'proxy-unreachable',
  'dns-failed',
  'tls-untrusted',
  'timed-out',
  'connection-failed',
  'clock-ok',
  'clock-skewed',
  'clock-unknown',
  'keychain-ok',
  'keychain-protected-file',
  'keychain-unavailable',
  'not-configured',
]);

/** What the proxy asked for and why the console could not answer (a 407 on the way to an endpoint). */
export const ProxyAuthDiagnosis = z.object({
  /** The schemes the proxy offered, lower case (`negotiate`, `ntlm`, `basic`, or another it named). */
  offered: z.array(z.string().max(40)).max(10),
  /** The scheme the console tried, if any. */
  scheme: z.enum(['negotiate', 'ntlm', 'basic']).nullable(),
  reason: z.enum(['no-ticket', 'kerberos-failed', 'rejected', 'no-credentials', 'basic-forbidden', 'scheme-not-allowed', 'unsupported-scheme', 'host-not-allowed']),
});

/** One check's outcome; no field ever holds a credential (proxy user info is dropped). */
export const ReadinessResult = z.object({
  id: ReadinessCheckId,
  status: ReadinessStatus,
  code: ReadinessCode,
  /** The host asked for (`login.microsoftonline.com`), when the check is an endpoint. */
  host: z.string().nullable(),
  /** `direct`, or the proxy's `host:port` the request went through. */
  via: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  elapsedMs: z.number().int().nullable(),
  /** Local clock minus the authority's clock, in seconds. */
  skewSeconds: z.number().int().nullable(),
  /** The underlying error in English, for a ticket to the network team; never a secret. */
  detail: z.string().nullable(),
  /** Set when the proxy asked for authentication the console could not give. */
  proxyAuth: ProxyAuthDiagnosis.nullable().optional(),
});

/** Every check of one run. */
export const ReadinessReport = z.object({
  checkedAt: z.string(),
  results: z.array(ReadinessResult),
});

/** Invokes of the workstation check. */
export const readinessInvokes = {
  /** Checks that this PAW can reach what the console needs, through its proxy and trust store. */
  'readiness.run': invoke(NoRequest, ReadinessReport),
} as const;
