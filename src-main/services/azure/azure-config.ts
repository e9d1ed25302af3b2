import { z } from 'zod';

const HttpsOrigin = z
  .string()
  .url()
  .refine((v) => new URL(v).protocol === 'https:', 'must be an https URL')
  .transform((v) => v.replace(/\/+$/, ''));

const IpText = z.union([z.ipv4(), z.ipv6()]);

/**
 * Azure-layer settings. The ARM endpoint and scope come from `auth` (one place for the cloud);
 * these are the portal origin for remediation links, how the egress IP is learned (never a
 * third-party service by default), retry/poll timings, and checklist parallelism.
 */
export const AzureConfig = z.strictObject({
  /** Portal origin for deep links (sovereign clouds: e.g. https://portal.azure.us). */
  portalUrl: HttpsOrigin.default('https://portal.azure.com'),
  /** How the operator's egress IP is learned: `none` (typed by the operator), `fixed` (policy), or `url` (an echo endpoint the organisation runs). */
  egressIp: z
    .discriminatedUnion('method', [
      z.strictObject({ method: z.literal('none') }),
      z.strictObject({ method: z.literal('fixed'), value: IpText }),
      z.strictObject({ method: z.literal('url'), url: HttpsOrigin }),
    ])
    .default({ method: 'none' }),
  /** Throttling (429 + Retry-After) and 5xx retries of every ARM client. */
  retry: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(10).default(4),
      retryDelayInMs: z.number().int().min(0).max(60_000).default(800),
      maxRetryDelayInMs: z.number().int().min(0).max(300_000).default(30_000),
    })
    .default({ maxRetries: 4, retryDelayInMs: 800, maxRetryDelayInMs: 30_000 }),
  /** Poll interval of long-running operations when Azure sends no Retry-After. */
  pollIntervalMs: z.number().int().min(1).max(60_000).default(2000),
  /** Subscriptions listed at once when Resource Graph is unavailable. */
  discoveryConcurrency: z.number().int().min(1).max(64).default(8),
  /** Checklist: checks in flight at once, and the time limit of one check. */
  checklist: z
    .strictObject({
      concurrency: z.number().int().min(1).max(32).default(6),
      timeoutMs: z.number().int().min(1000).max(600_000).default(30_000),
    })
    .default({ concurrency: 6, timeoutMs: 30_000 }),
});

/** The parsed Azure settings. */
export type AzureConfig = z.output<typeof AzureConfig>;
