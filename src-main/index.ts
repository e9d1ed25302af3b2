/**
 * Electron entry point: builds the core, binds it to ipcMain, opens the hardened window.
 * Everything here is glue; the logic lives in core.ts and the services. Reviewed Electron glue.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAppConfig } from './config/app-config';
import { createConsoleCore, type ConsoleCore } from './core';
import { bindRouterToIpcMain, webContentsPortOpener, webContentsSink } from './ipc/electron-transport';
import { registerAppScheme, handleAppScheme } from './platform/app-protocol';
import { openExternalChecked } from './platform/open-external';
import { electronFileDialogs } from './platform/file-dialogs';
import { askRecovery, watchWindow } from './platform/recovery-dialog';
import { signInHostsFor } from './security/external-links';
import { powerMonitorLockEvents } from './platform/power-events';
import { safeStorageEncryption } from './platform/safe-storage';
import { utilityProcessLauncher } from './platform/utility-process';
import { sameOriginMainFrame } from './security/sender-policy';
import { JsonLogger } from './services/log/logger';
import { osCertificateStore } from './services/net';
import { describeStartupFailure } from './startup-failure';
import { endOsSession } from './os-session-end';
import { HELPER_SWITCH, runHelper } from './services/kubectl-credentials/helper-client';
import { chooseHelperCommand, hostHelperFacts, NATIVE_HELPER_NAME } from './services/kubeconfig/helper-choice';
import { APP_ENTRY_URL, APP_ORIGIN, createMainWindow, lockDownContents } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));

// `<app> --kube-credential …` is kubectl's credential helper (the RunAsNode fuse is off, so the app
// binary itself serves): it asks the running console for a token and exits, with no window, no
// single-instance lock and no Chromium profile use beyond Electron's own start-up.
const credentialHelper = process.argv.includes(HELPER_SWITCH);
if (credentialHelper) {
  app.dock?.hide();
  void runHelper(process.argv.slice(process.argv.indexOf(HELPER_SWITCH)), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => app.exit(code));
} else {
  app.enableSandbox();
  registerAppScheme();
  // Same id as electron-builder's appId: Windows groups the taskbar and attributes notifications by it.
  if (process.platform === 'win32') app.setAppUserModelId('io.github.aks-access-console');
}

if (credentialHelper) {
  // Nothing else runs in helper mode.
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: ConsoleCore | undefined;
  let mainWindow: BrowserWindow | undefined;

  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  let logFile: string | undefined;
  // Every start-up failure gets a window that says what to do, then the app quits and releases the
  // single-instance lock: a silent exit while holding it would make every later launch quit too.
  const failStartup = (error: unknown) => {
    const failure = describeStartupFailure(error, app.getLocale(), logFile);
    dialog.showErrorBox(failure.title, `${failure.message}\n\n${failure.detail}`);
    app.releaseSingleInstanceLock();
    app.exit(1);
  };

  void app.whenReady().then(() => {
    const appDataDir = app.getPath('userData');
    mkdirSync(path.join(appDataDir, 'logs'), { recursive: true, mode: 0o700 });
    logFile = path.join(appDataDir, 'logs', 'main.jsonl');
    const logPath = logFile;
    const log = new JsonLogger((line) => appendFileSync(logPath, `${line}\n`, { mode: 0o600 }));
    // A configuration file may re-point endpoints only in development builds; packaged builds
    // take endpoints from the defaults and (later) the machine-wide policy.
    const config = loadAppConfig(app.isPackaged ? {} : process.env);
    const trustedOrigin = sameOriginMainFrame(APP_ORIGIN);
    // Link and authority allow-lists follow the enterprise policy the core applied (policy wins).
    const effective = () => core?.policy.applyTo(config) ?? config;
    let windowId = '';
    core = createConsoleCore({
      config,
      appDataDir,
      log,
      isTrustedSender: (sender) => sender.senderId === windowId && trustedOrigin(sender),
      runtime: 'electron',
      version: app.getVersion(),
      osLocale: app.getLocale(),
      openExternal: (url) => openExternalChecked(url, effective().externalLinkHosts, signInHostsFor(effective().auth.authorityHost)),
      // The sign-in page may only be opened on the configured authority's host (the one place a sign-in host opens).
      openBrowser: (url) => openExternalChecked(url, [new URL(effective().auth.authorityHost).hostname], []),
      windowHandle: () => mainWindow?.getNativeWindowHandle(),
      fileDialogs: electronFileDialogs(() => mainWindow),
      // The OS proxy settings (and a PAC script, when policy names one) answered by Chromium's resolver.
      systemProxy: (url) => session.defaultSession.resolveProxy(url),
      osLockEvents: powerMonitorLockEvents,
      // The OS store too: Intune deploys a TLS-inspecting proxy's CA to the Windows store.
      systemCertificates: osCertificateStore,
      // Where Windows refuses Credential Manager for the logon session: a DPAPI-encrypted file store.
      osEncryption: safeStorageEncryption,
      offerRecovery: (offer) => askRecovery(mainWindow, offer),
      // SSH clients, sockets and channels run in their own process (built beside this bundle).
      sessionProcess: utilityProcessLauncher(path.join(here, 'session-host.js')),
      reloadWindow: () => mainWindow?.webContents.reload(),
      // kubectl starts the native helper shipped beside the bundle (unpacked from the asar) when it is built
      // for this platform; else the app binary itself (development: Electron with the app folder).
      kubectl: {
        helper: chooseHelperCommand(path.join(here.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked'), NATIVE_HELPER_NAME), { command: process.execPath, args: app.isPackaged ? [] : [app.getAppPath()] }, hostHelperFacts),
      },
    });
    const policyLoad = core.policy.current();
    const pacUrl = policyLoad.source === 'file' || policyLoad.source === 'registry' ? policyLoad.document.network?.pacUrl : undefined;
    if (pacUrl) void session.defaultSession.setProxy({ mode: 'pac_script', pacScript: pacUrl });
    handleAppScheme(path.join(here, '../renderer'));
    bindRouterToIpcMain(core.router);
    mainWindow = createMainWindow(path.join(here, '../preload/index.cjs'), !app.isPackaged);
    windowId = String(mainWindow.webContents.id);
    // Windows logoff or shutdown: the audit line first, then sessions and tunnels closed best-effort.
    const running = core;
    mainWindow.on('session-end', () => void endOsSession({ audit: running.audit, closeAllSessions: () => running.connectivity.manager.closeAll() }));
    core.router.attach(webContentsSink(mainWindow.webContents));
    core.router.attachPortOpener(webContentsPortOpener(mainWindow.webContents));
    watchWindow(mainWindow, core);
    void mainWindow.loadURL(APP_ENTRY_URL);
  }).catch(failStartup);

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = undefined;
    event.preventDefault();
    void closing.dispose().finally(() => app.quit());
  });
}
