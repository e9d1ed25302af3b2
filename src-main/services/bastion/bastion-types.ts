import type { Duplex } from 'node:stream';
import type { Event } from '../events';

/** Bastion SKUs as ARM reports them (`sku.name`). */
export type BastionSku = 'Basic' | 'Standard' | 'Premium' | 'Developer' | 'QuickConnect';

/** The facts about a Bastion host that decide whether and how a native-client tunnel can be opened. */
export interface BastionHost {
  /** ARM id of the bastionHosts resource. */
  readonly id: string;
  readonly name: string;
  /** `sku.name`; unknown values are kept as strings and refused. */
  readonly sku: BastionSku | (string & {});
  /** `properties.dnsName`: the data-plane host for `/api/tokens` and the websocket. */
  readonly dnsName: string;
  readonly enableTunneling: boolean;
  readonly enableIpConnect: boolean;
  /** Tenant owning the Bastion's subscription; the `aztoken` is requested for this tenant. */
  readonly tenantId?: string;
}

/** Port: reads a Bastion host from ARM (the Azure layer's ArmService supplies it). */
export interface BastionHostReader {
  getBastionHost(bastionId: string, signal?: AbortSignal): Promise<BastionHost>;
}

/**
 * What the tunnel reaches. `resource` covers a VM, a VMSS instance and a managed cluster (API server
 * on 443, what `az aks bastion` does); `ip` is IP-based connect (Standard+, ports 22/3389 only).
 */
export type BastionTarget =
  | { readonly kind: 'resource'; readonly resourceId: string; readonly port: number }
  | { readonly kind: 'ip'; readonly ip: string; readonly port: number };

/** One tunnel request: which Bastion, which target. */
export interface TunnelRequest {
  readonly bastionId: string;
  readonly target: BastionTarget;
}

/**
 * Life of one Bastion connection: `connecting` (token + websocket handshake), `open`, then one of
 * `closed` (ended normally), `lost` (died after opening: drop, 1006/1011, silence past the dead-peer
 * timeout, protocol violation) or `failed` (never opened).
 */
export type TunnelState = 'connecting' | 'open' | 'lost' | 'closed' | 'failed';

/** A plain, operator-safe reason (never a token or URL). */
export interface TunnelProblem {
  readonly code: string;
  readonly message: string;
}

/** A state transition, as delivered to subscribers. */
export interface TunnelStateChange {
  readonly state: TunnelState;
  readonly problem?: TunnelProblem;
}

/** Byte counters of a connection or listener (payload bytes, not frames). */
export interface TunnelCounters {
  /** Bytes sent towards the target. */
  readonly bytesOut: number;
  /** Bytes received from the target. */
  readonly bytesIn: number;
}

/** One Bastion session carrying one TCP stream; deleted on Bastion when it ends. */
export interface BastionConnection {
  /** Local id (not the Bastion token). */
  readonly id: string;
  /** The byte stream to the target: hand it to ssh2 as `sock`, or pipe a local socket into it. */
  readonly stream: Duplex;
  readonly state: TunnelState;
  readonly problem: TunnelProblem | undefined;
  counters(): TunnelCounters;
  /** Every change of its state (connecting, open, then one end). */
  readonly onDidChangeState: Event<[change: TunnelStateChange]>;
  /** Closes the websocket and DELETEs the Bastion session; resolves when the DELETE has been answered or timed out. */
  close(): Promise<void>;
}

/** Options of a local listener. */
export interface ListenOptions {
  /** Local port on 127.0.0.1; 0 or absent picks a free one. A taken port is refused, not shared. */
  readonly localPort?: number;
}

/** Aggregated health of a listener, for the session manager's tunnel list. */
export interface ListenerStatus extends TunnelCounters {
  readonly state: 'listening' | 'closed';
  readonly localPort: number;
  readonly activeConnections: number;
  readonly totalConnections: number;
  /** The last connection's failure or loss, if the last connection did not end cleanly. */
  readonly lastProblem: TunnelProblem | undefined;
}

/**
 * A local TCP listener on 127.0.0.1 (for kubectl and other tools); every accepted connection gets
 * its own Bastion session, deleted when that connection ends.
 */
export interface BastionListener {
  readonly host: '127.0.0.1';
  readonly port: number;
  status(): ListenerStatus;
  /** Fires for each accepted connection's state changes. */
  readonly onDidConnectionChange: Event<[connectionId: string, change: TunnelStateChange]>;
  /** Stops listening, ends every connection; resolves once every session of this listener has been deleted. */
  close(): Promise<void>;
}
