/**
 * Binds the router to Electron: the only file that touches `ipcMain`. Handlers never see the
 * Electron event; they get the SenderInfo the router checked.
 */
import { ipcMain, MessageChannelMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { invokes, SESSION_PORT_CHANNEL, type InvokeChannel } from './contract';
import type { EventSink, IpcRouter, PortOpener, SenderInfo } from './router';
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

/**
 * Hands session data ports to one window: a MessageChannelMain whose second end goes to that
 * window's preload (which passes it on to the page), only when the asking sender is that window.
 */
export function webContentsPortOpener(contents: WebContents): PortOpener {
  return (sender, hello) => {
    if (contents.isDestroyed() || sender.senderId !== String(contents.id)) return undefined;
    const { port1, port2 } = new MessageChannelMain();
    contents.postMessage(SESSION_PORT_CHANNEL, hello, [port2]);
    port1.start();
    return {
      post: (message) => port1.postMessage(message),
      onMessage: (listener) => void port1.on('message', (event) => listener(event.data)),
      onClose: (listener) => void port1.on('close', listener),
      close: () => port1.close(),
    };
  };
}
