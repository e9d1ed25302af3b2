/**
 * The sandboxed preload: exposes the contract-derived bridge and nothing else. It is bundled into
 * one CommonJS file because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { PRELOAD_GLOBAL, SESSION_PORT_CHANNEL, SESSION_PORT_MESSAGE } from '../ipc/contract';
import { buildPreloadApi, EVENT_CHANNEL_PREFIX } from './build-api';

contextBridge.exposeInMainWorld(
  PRELOAD_GLOBAL,
  buildPreloadApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    subscribe: (event, listener) => {
      const channel = EVENT_CHANNEL_PREFIX + event;
      const forward = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);

// A session's data port: a MessagePort cannot cross the context bridge, so it goes to the page as a
// window message from this same window (the page matches it to its `ssh.port` call by nonce).
ipcRenderer.on(SESSION_PORT_CHANNEL, (event, hello: unknown) => {
  window.postMessage({ [SESSION_PORT_MESSAGE]: hello }, '*', event.ports);
});
