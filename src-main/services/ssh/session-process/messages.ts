/**
 * The session process's wire: what main and the process that runs the SSH clients say to each
 * other. Main allocates every id (clients, sockets, pipes, its calls); the process allocates only
 * the ids of its own questions (host key, authentication, signature), which main answers by id.
 * Bytes travel as Uint8Array (structured clone: Node's fork channel and Electron's utilityProcess).
 */

/** An error as it crosses the boundary: an AppError keeps its code and params; ssh2's keep their level. */
export interface WireError {
  readonly message: string;
  readonly code?: string;
  readonly params?: Record<string, string>;
  readonly level?: string;
}

/** The settings of ssh2's connect that are data (the callbacks stay in main and are asked over the wire). */
export interface WireConnectConfig {
  readonly username?: string;
  readonly readyTimeout?: number;
  readonly keepaliveInterval?: number;
  readonly keepaliveCountMax?: number;
  readonly algorithms?: Record<string, unknown>;
}

/** What the process offers the server: a method as ssh2 takes it, with a private key replaced by main's signer. */
export type WireAuthMethod =
  | { readonly type: 'signer'; readonly username: string; readonly publicKey: Uint8Array }
  | { readonly type: 'agent'; readonly username: string; readonly agent: string }
  | { readonly type: 'password'; readonly username: string; readonly password: string }
  | { readonly type: 'none'; readonly username: string };

/** A channel to open on a connected client. */
export type ChannelRequest =
  | { readonly kind: 'shell'; readonly pty: Record<string, unknown> }
  | { readonly kind: 'exec'; readonly command: string; readonly options: Record<string, unknown> }
  | { readonly kind: 'forward'; readonly srcIp: string; readonly srcPort: number; readonly host: string; readonly port: number };

/** Byte-pipe messages, the same in both directions. */
export type PipeMessage =
  | { readonly op: 'data'; readonly pipe: number; readonly data: Uint8Array }
  /** The reader is not keeping up: stop sending on this pipe. */
  | { readonly op: 'pause'; readonly pipe: number }
  /** The reader wants more. */
  | { readonly op: 'resume'; readonly pipe: number }
  /** No more data from the sender. */
  | { readonly op: 'eof'; readonly pipe: number };

/** The receiver got `bytes` of data on all its pipes since the last credit: the sender's shared budget frees that much. */
export interface CreditMessage {
  readonly op: 'credit';
  readonly bytes: number;
}

/** main → session process. */
export type ToSessionProcess =
  | PipeMessage
  | CreditMessage
  | { readonly op: 'dial'; readonly call: number; readonly socket: number; readonly host: string; readonly port: number; readonly timeoutMs: number }
  | { readonly op: 'cancel-dial'; readonly socket: number }
  | { readonly op: 'destroy-socket'; readonly socket: number }
  | { readonly op: 'connect'; readonly client: number; readonly sock: { readonly socket: number } | { readonly pipe: number }; readonly config: WireConnectConfig }
  | { readonly op: 'verified'; readonly call: number; readonly ok: boolean }
  | { readonly op: 'auth-method'; readonly call: number; readonly method: WireAuthMethod | false }
  | { readonly op: 'signed'; readonly call: number; readonly signature?: Uint8Array; readonly error?: string }
  | { readonly op: 'open'; readonly call: number; readonly client: number; readonly pipe: number; readonly stderr: number; readonly request: ChannelRequest }
  | { readonly op: 'rekey'; readonly client: number }
  | { readonly op: 'end'; readonly client: number }
  | { readonly op: 'destroy'; readonly client: number }
  | { readonly op: 'close-channel'; readonly pipe: number }
  | { readonly op: 'window'; readonly pipe: number; readonly rows: number; readonly cols: number }
  | { readonly op: 'signal'; readonly pipe: number; readonly name: string };

/** session process → main. */
export type FromSessionProcess =
  | PipeMessage
  /** The process is up and listening (sent once, first). */
  | { readonly op: 'hello' }
  | CreditMessage
  | { readonly op: 'dialed'; readonly call: number }
  | { readonly op: 'failed'; readonly call: number; readonly error: WireError }
  | { readonly op: 'opened'; readonly call: number }
  | { readonly op: 'verify'; readonly call: number; readonly client: number; readonly key: Uint8Array }
  | { readonly op: 'auth'; readonly call: number; readonly client: number; readonly methodsLeft: string[] | null; readonly partial: boolean | null }
  | { readonly op: 'sign'; readonly call: number; readonly client: number; readonly data: Uint8Array; readonly hash?: string }
  | { readonly op: 'ready'; readonly client: number }
  | { readonly op: 'handshake'; readonly client: number }
  | { readonly op: 'hostkeys'; readonly client: number; readonly keys: Uint8Array[] }
  | { readonly op: 'error'; readonly client: number; readonly error: WireError; readonly offer?: unknown }
  | { readonly op: 'close'; readonly client: number }
  /** The channel on `pipe` closed; `args` are ssh2's (exit code, or null and a signal name). */
  | { readonly op: 'channel-closed'; readonly pipe: number; readonly args: Array<number | string | null | undefined> }
  | { readonly op: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string; readonly fields?: Record<string, string> };

/** Bytes received over the wire as a Buffer over the same memory (structured clone gives a Uint8Array). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const FROM_OPS = new Set<string>(['hello', 'data', 'pause', 'resume', 'credit', 'eof', 'dialed', 'failed', 'opened', 'verify', 'auth', 'sign', 'ready', 'handshake', 'hostkeys', 'error', 'close', 'channel-closed', 'log']);

/**
 * A message from the session process has a known op and numeric ids, and data where it says so.
 * Main checks every message (the process is ours, but a corrupted or confused one must not steer main).
 */
export function isFromSessionProcess(value: unknown): value is FromSessionProcess {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (typeof m.op !== 'string' || !FROM_OPS.has(m.op)) return false;
  for (const id of ['call', 'client', 'pipe', 'bytes'] as const) if (id in m && !Number.isSafeInteger(m[id])) return false;
  if ((m.op === 'data' || m.op === 'sign') && !(m.data instanceof Uint8Array)) return false;
  if (m.op === 'verify' && !(m.key instanceof Uint8Array)) return false;
  if (m.op === 'hostkeys' && !(Array.isArray(m.keys) && m.keys.every((k) => k instanceof Uint8Array))) return false;
  if ((m.op === 'failed' || m.op === 'error') && !isWireError(m.error)) return false;
  if (m.op === 'channel-closed' && !Array.isArray(m.args)) return false;
  return true;
}

function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && typeof (value as WireError).message === 'string';
}
