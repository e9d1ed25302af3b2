import { events, invokes, type EventName, type InvokeChannel, type PreloadApi } from '../ipc/contract';

/** What a preload needs from its transport: send one invoke, subscribe to one event. */
export interface PreloadTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the object the renderer sees: one named function per contract invoke and one subscriber
 * per contract event, frozen. There is deliberately no generic `invoke(channel)`: a channel that is
 * not in the contract has no function to call. Used by the Electron preload and the test harness.
 */
export function buildPreloadApi(transport: PreloadTransport): PreloadApi {
  const invoke: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const channel of Object.keys(invokes) as InvokeChannel[]) {
    invoke[channel] = (req: unknown) => transport.invoke(channel, req);
  }
  const on: Record<string, (listener: (payload: unknown) => void) => () => void> = {};
  for (const name of Object.keys(events) as EventName[]) {
    on[name] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError(`${name}: listener must be a function`);
      return transport.subscribe(name, (payload) => listener(payload));
    };
  }
  return Object.freeze({ invoke: Object.freeze(invoke), on: Object.freeze(on) }) as unknown as PreloadApi;
}

/** Prefix of the Electron channel that carries an event, keeping events apart from invokes. */
export const EVENT_CHANNEL_PREFIX = 'event:';
