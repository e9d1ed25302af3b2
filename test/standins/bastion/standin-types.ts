import type { Duplex } from 'node:stream';

/** What a client asked `/api/tokens` for. */
export interface SessionTarget {
  readonly resourceId: string;
  readonly port: number;
  /** IP-connect target address (`hostname` form field). */
  readonly hostname?: string;
}

/** Opens the upstream TCP stream of a session (an echo server, the topology's jump box, the API server). */
export type UpstreamDialer = () => Promise<Duplex>;

/** Maps a session target to its upstream, or nothing (the stand-in then answers 404). */
export type UpstreamRouter = (target: SessionTarget) => UpstreamDialer | undefined;

/** A fault applied to a live session. */
export type SessionFault =
  | { readonly kind: 'drop' }
  | { readonly kind: 'close'; readonly code: number }
  | { readonly kind: 'stall' }
  | { readonly kind: 'text' };

/** Knobs tests turn to make the stand-in misbehave (bastion-protocol.md §7). All off by default. */
export interface StandInFaults {
  /** Answer `/api/tokens` with this status (and body) instead of minting a session. */
  tokens: { status: number; body: string; contentType?: string } | null;
  /** Refuse the websocket upgrade with this HTTP status. */
  upgradeStatus: number | null;
  /** Hold the upgrade this long before answering (a slow or hung 101). */
  upgradeDelayMs: number;
  /**
   * Apply this fault to each new session once `faultAfterBytes` client bytes, or `faultAfterBytesToClient`
   * bytes towards the client, have been relayed (0 = that direction does not count).
   */
  sessionFault: SessionFault | null;
  faultAfterBytes: number;
  faultAfterBytesToClient: number;
  /** Send upstream data as continuation frames (each message split into several frames). */
  fragmented: boolean;
  /** Cut upstream data into messages of these sizes, cyclically (1, 4096, 65536 …); empty = as read. */
  messageSizes: number[];
  /** Server pings at this interval (0 = none). */
  pingIntervalMs: number;
  /** DELETE of a live session also closes its websocket (what real Bastion does is unconfirmed). */
  deleteTerminates: boolean;
  /** Answer DELETE with this status without deleting (a Bastion hiccup at cleanup time). */
  deleteStatus: number | null;
  /** Refuse `/api/tokens` with 429 while this many sessions are undeleted (Bastion's per-instance capacity). */
  sessionLimit: number | null;
}

/** How one `POST /api/tokens` arrived, refused or not: what a client sent, never the token values. */
export interface TokenRequestRecord {
  /** The `Content-Type` header as sent (null: none). */
  readonly contentType: string | null;
  /** Form field names in the order sent (empty when the body was not form-urlencoded). */
  readonly fields: readonly string[];
  /** The `Origin` header (null: none). */
  readonly origin: string | null;
  readonly status: number;
}

/** One session as the stand-in saw it: the evidence that nothing leaks. */
export interface SessionRecord {
  readonly authToken: string;
  readonly nodeId: string;
  readonly target: SessionTarget;
  readonly route: 'webtunnelv2' | 'omni';
  readonly createdAt: number;
  connectedAt?: number;
  endedAt?: number;
  endedBy?: 'client' | 'upstream' | 'fault' | 'delete' | 'dial-failed';
  deletedAt?: number;
  /** The DELETE carried the session's `X-Node-Id` header. */
  deleteHadNodeId?: boolean;
  bytesFromClient: number;
  /** Messages the client sent, and the largest (frame-size evidence: each message arrives whole). */
  clientMessages: number;
  largestClientMessage: number;
  bytesToClient: number;
  /** The `Origin` header of the websocket upgrade (null: none), once it connected. */
  upgradeOrigin?: string | null;
}

/** A live session tests can poke. */
export interface LiveSession {
  readonly record: SessionRecord;
  apply(fault: SessionFault): void;
}
