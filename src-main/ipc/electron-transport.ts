/**
 * Binds the router to Electron: the only file that touches `ipcMain`. Handlers never see the
 * Electron event; they get the SenderInfo the router checked.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokes, type InvokeChannel } from './contract';
import type { EventSink, IpcRouter, SenderInfo } from './router';
import { EVENT_CHANNEL_PREFIX } from '../preload/build-api';

function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return {
    url: frame?.url ?? '',
    isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
    senderId: String(event.sender.id),
  };
}

/** Routes every contract invoke from `ipcMain` to the router; returns a function that unbinds them. */
export function bindRouterToIpcMain(router: IpcRouter): () => void {
  const channels = Object.keys(invokes) as InvokeChannel[];
  for (const channel of channels) {
    ipcMain.handle(channel, (event, payload: unknown) => router.dispatch(channel, payload, senderOf(event)));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** An event sink that delivers to one window's renderer and reports itself dead once it is destroyed. */
export function webContentsSink(contents: WebContents): EventSink {
  return {
    send: (event, payload) => contents.send(EVENT_CHANNEL_PREFIX + event, payload),
    isAlive: () => !contents.isDestroyed(),
  };
}
