import { z } from 'zod';

/**
 * Bastion tunnel settings. Defaults are production (Azure public cloud); tests and demo mode point
 * `connectOverrides` at the loopback stand-in while TLS still verifies the real `dnsName`.
 */
export const BastionConfig = z.strictObject({
  /** Scope of the ARM token sent as `aztoken` (Azure CLI and AgentBaker both use the ARM audience). */
  tokenScope: z.string().min(1).default('https://management.azure.com/.default'),
  /** Bastion host name → `host:port` actually dialled (stand-ins). TLS servername and Host stay the host name. */
  connectOverrides: z.record(z.string().min(1), z.string().regex(/^[^:\s]+:\d{1,5}$/)).default({}),
  /**
   * DNS domains of this cloud's Bastion endpoints (public cloud: `bastion.azure.com`, and
   * `bastionglobal.azure.com` for the Developer SKU). A `dnsName` read from ARM or a Developer data-pod
   * host outside them is refused before any token is sent to it.
   */
  hostDomains: z.array(z.string().regex(/^(?!-)[a-z0-9-]{1,63}(\.(?!-)[a-z0-9-]{1,63})+$/i)).min(1).default(['bastion.azure.com', 'bastionglobal.azure.com']),
  /**
   * Largest websocket message sent; each message is one unfragmented binary frame. 32 KiB by measurement
   * (`npm run bench bastion-throughput`'s frame table, six runs on a shared 2-core machine): uploads in
   * 32 KiB frames cost the least client CPU on average (0.29 s per 200 MiB; 64 KiB 0.31, 16 KiB 0.32,
   * 4 KiB 0.35). Downloads are cut by Bastion; the client's CPU no longer depends on their size (FrameTap).
   */
  maxFrameBytes: z.number().int().min(1024).max(1024 * 1024).default(32 * 1024),
  /**
   * The masking key of our frames. `zero` (a key of 0, valid framing that every server unmasks) lets ws send
   * the caller's bytes as they are instead of a masked copy of each frame; masking only protects proxies
   * that read plain websocket traffic from payloads crafted by a script, and ours is TLS carrying
   * SSH/TLS ciphertext. `random` is RFC 6455's fresh key per frame, should a service ever insist on it.
   */
  frameMask: z.enum(['zero', 'random']).default('zero'),
  /**
   * Interval of the dead-peer check; a websocket ping goes out only when nothing was heard for one
   * interval (a busy tunnel sends none). 0 turns pings off (dead-peer detection then relies on TCP keepalive).
   */
  keepaliveIntervalMs: z.number().int().min(0).default(1_000),
  /** A connection that has heard nothing (data or pong) for this long is declared lost: with the defaults, within 4.5 s. */
  deadPeerTimeoutMs: z.number().int().min(100).default(3_500),
  /**
   * The same limit while bytes of ours are still queued (a saturated upload: our ping waits behind them),
   * counted from the last frame that left the queue.
   */
  queuedSilenceTimeoutMs: z.number().int().min(100).default(15_000),
  /** Limit for the websocket upgrade. */
  handshakeTimeoutMs: z.number().int().min(100).default(15_000),
  /** Limit for `/api/tokens` and `/api/connection`. */
  requestTimeoutMs: z.number().int().min(100).default(20_000),
  /** Limit for each session DELETE (on close and on quit). */
  deleteTimeoutMs: z.number().int().min(100).default(5_000),
});

/** Parsed Bastion settings. */
export type BastionConfig = z.output<typeof BastionConfig>;

/** The defaults, for hosts that build a client without the full app configuration. */
export function defaultBastionConfig(): BastionConfig {
  return BastionConfig.parse({});
}
