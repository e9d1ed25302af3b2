/**
 * The watchdog's offer as a native dialog: the console window is stuck, so only main can ask.
 * Reviewed Electron glue. Its few strings live here in both languages (the renderer's i18n
 * cannot run while the renderer is the thing that hangs).
 */
import { dialog, type BrowserWindow } from 'electron';
import type { WatchdogChoice, WatchdogOffer } from '../services/watchdog/window-watchdog';

const TEXT = {
  en: {
    message: 'The console window is not responding.',
    detail: (label?: string) =>
      `${label ? `The last output came from "${label}". You can close that session, ` : 'You can '}reload the window (every session stays open and is shown again), or keep waiting.`,
    wait: 'Keep waiting',
    reload: 'Reload window',
    close: (label: string) => `Close "${label}"`,
  },
  ja: {
    message: 'コンソール ウィンドウが応答していません。',
    detail: (label?: string) =>
      `${label ? `最後の出力はセッション「${label}」からです。このセッションを閉じるか、` : ''}ウィンドウを再読み込みする (すべてのセッションは開いたまま再表示されます) か、このまま待つことができます。`,
    wait: 'このまま待つ',
    reload: 'ウィンドウを再読み込み',
    close: (label: string) => `「${label}」を閉じる`,
  },
} as const;

/** Asks the operator how to get out of a stuck window; resolves with the choice. */
export async function askRecovery(window: BrowserWindow | undefined, offer: WatchdogOffer): Promise<WatchdogChoice> {
  const t = TEXT[offer.language];
  const buttons = [t.wait, t.reload, ...(offer.label ? [t.close(offer.label)] : [])];
  const options = { type: 'warning' as const, message: t.message, detail: t.detail(offer.label), buttons, defaultId: 0, cancelId: 0, noLink: true };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 1 ? 'reload' : response === 2 ? 'close-session' : 'wait';
}

/**
 * Feeds Electron's own signals to the watchdog: `unresponsive` / `responsive`, and a renderer that
 * is gone (crash, killed) is reloaded at once; the fresh page takes every session back over.
 */
export function watchWindow(window: BrowserWindow, core: { watchdog: { unresponsive(source: 'electron'): unknown; responsive(): void } }): void {
  window.on('unresponsive', () => void core.watchdog.unresponsive('electron'));
  window.on('responsive', () => core.watchdog.responsive());
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit' && !window.isDestroyed()) window.webContents.reload();
  });
}
