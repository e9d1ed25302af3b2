/**
 * The harness's stand-in for the Electron preload: the same `buildPreloadApi` over two Playwright
 * bindings instead of ipcRenderer. Bundled by esbuild and injected as an init script.
 * Session data ports: main's end is the page binding (`__aksPort` in, `__port*` pseudo-events out,
 * in order with every other event); the page gets a real MessagePort, posted to the window the way
 * the Electron preload posts the one it receives, so the renderer cannot tell the two apart.
 */
import { PRELOAD_GLOBAL, SESSION_PORT_MESSAGE, type EventName, type PortHello } from '../../../src-main/ipc/contract';
import { buildPreloadApi } from '../../../src-main/preload/build-api';

type Listener = (payload: unknown) => void;
interface HarnessWindow {
  __aksInvoke(channel: string, payload: unknown): Promise<unknown>;
  __aksPort(id: number, message: unknown): Promise<void>;
  __aksDeliver?: (event: EventName, payload: unknown) => void;
}

const host = window as unknown as HarnessWindow & Record<string, unknown>;
const listeners = new Map<EventName, Set<Listener>>();
const ports = new Map<number, MessagePort>();

/** Handles the data-port pseudo-events; false for a contract event. */
function portEvent(event: string, payload: unknown): boolean {
  if (!event.startsWith('__port')) return false;
  const { id, hello, ...frame } = payload as { id: number; hello?: PortHello };
  if (event === '__port.open') {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent) => void host.__aksPort(id, e.data);
    ports.set(id, channel.port1);
    window.postMessage({ [SESSION_PORT_MESSAGE]: hello }, '*', [channel.port2]);
  } else if (event === '__port.close') {
    ports.get(id)?.close();
    ports.delete(id);
  } else ports.get(id)?.postMessage(frame);
  return true;
}

Object.defineProperty(host, '__aksDeliver', {
  value: (event: EventName, payload: unknown) => {
    if (portEvent(event, payload)) return;
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
