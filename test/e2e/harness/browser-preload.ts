/**
 * The harness's stand-in for the Electron preload: the same `buildPreloadApi` over two Playwright
 * bindings instead of ipcRenderer. Bundled by esbuild and injected as an init script.
 */
import { PRELOAD_GLOBAL, type EventName } from '../../../src-main/ipc/contract';
import { buildPreloadApi } from '../../../src-main/preload/build-api';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __aksInvoke(channel: string, payload: unknown): Promise<unknown>;
  __aksDeliver?: (event: EventName, payload: unknown) => void;
}

const host = window as unknown as HarnessWindow & Record<string, unknown>;
const listeners = new Map<EventName, Set<Listener>>();

Object.defineProperty(host, '__aksDeliver', {
  value: (event: EventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  },
  enumerable: false,
});

Object.defineProperty(host, PRELOAD_GLOBAL, {
  value: buildPreloadApi({
    invoke: (channel, payload) => host.__aksInvoke(channel, payload),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  }),
  enumerable: false,
});
