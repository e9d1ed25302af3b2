/**
 * Typed access to the preload bridge. Types come from the contract (type-only import, so no zod
 * and no schema reaches the renderer bundle); the renderer never knows which transport is behind.
 */
import type {
  EventName,
  EventPayload,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  PreloadApi,
} from '../../src-main/ipc/contract';
import type { IpcEnvelope } from '../../src-main/ipc/contract/define';

declare global {
  interface Window {
    aksConsole?: PreloadApi;
  }
}

/** An invoke that main refused or that failed, with the contract's error code. */
export class IpcError extends Error {
  /** Creates an error carrying main's code, plain message and the values the message names. */
  constructor(
    readonly code: string,
    message: string,
    readonly params?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'IpcError';
  }
}

function api(): PreloadApi {
  const bridge = window.aksConsole;
  if (!bridge) throw new IpcError('bridge.missing', 'The console bridge is not available in this window.');
  return bridge;
}

/** Sends one invoke and returns its data, or throws an IpcError with main's code. */
export async function call<C extends InvokeChannel>(
  channel: C,
  ...request: InvokeRequest<C> extends void | undefined ? [] : [InvokeRequest<C>]
): Promise<InvokeResponse<C>> {
  const send = api().invoke[channel] as (req: unknown) => Promise<unknown>;
  const envelope = (await send(request[0])) as IpcEnvelope<InvokeResponse<C>>;
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) throw new IpcError('bridge.malformed', 'Main answered outside the contract.');
  if (envelope.ok) return envelope.data;
  throw new IpcError(envelope.error.code, envelope.error.message, envelope.error.params);
}

/** Subscribes to an event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const on = api().on[event] as (l: (p: EventPayload<E>) => void) => () => void;
  return on(listener);
}

/** True when a bridge is present (false in unit tests that render without one). */
export function hasBridge(): boolean {
  return typeof window !== 'undefined' && window.aksConsole !== undefined;
}
