/**
 * The console window and every hardening switch, in one readable place (Electron security
 * checklist: https://www.electronjs.org/docs/latest/tutorial/security). Reviewed Electron glue.
 */
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security/csp';

/** The origin the renderer is served from; the router trusts only this origin's main frame. */
export const APP_ORIGIN = 'app://console';

/** The URL the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Denies every permission request and check for a session (camera, notifications, clipboard-read …). */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
  target.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/** Adds the CSP header to every response of a session (the HTML also carries it as a meta tag). */
export function enforceCsp(target: Session): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Navigation, new windows and webviews are refused for every web contents the app creates. */
export function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => {
    if (!event.url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates the hardened main window; it shows itself once the first frame is ready. */
export function createMainWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  denyAllPermissions(session.defaultSession);
  enforceCsp(session.defaultSession);
  // The options stay a literal here so reviewers and Electronegativity see every switch.
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#1b1f24',
    title: 'AKS Access Console',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  lockDownContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  return window;
}
