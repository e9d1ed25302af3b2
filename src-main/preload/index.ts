/**
 * The sandboxed preload: exposes the contract-derived bridge and nothing else. It is bundled into
 * one CommonJS file because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { PRELOAD_GLOBAL } from '../ipc/contract';
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
