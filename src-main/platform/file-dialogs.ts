/** The native open/save dialogs behind the FileDialogs port. Reviewed Electron glue: thin and typed. */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../services/files/file-dialogs';

/**
 * Dialogs modal to the main window (while it exists); a cancelled dialog answers null. No title is
 * set, so the OS shows its own, in the OS language; the button the operator pressed said what for.
 */
export function electronFileDialogs(window: () => BrowserWindow | undefined): FileDialogs {
  return {
    async pickOpen() {
      const options: OpenDialogOptions = { properties: ['openFile', 'showHiddenFiles', 'dontAddToRecent'] };
      const parent = window();
      const result = await (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options));
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickSave(_kind, suggested) {
      const options: SaveDialogOptions = { defaultPath: suggested ?? undefined, properties: ['showHiddenFiles', 'dontAddToRecent', 'showOverwriteConfirmation'] };
      const parent = window();
      const result = await (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
