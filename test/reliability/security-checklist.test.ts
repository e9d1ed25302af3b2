import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Electron's checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by item,
// asserted against what the code actually asks of Electron. The binary is absent, so the API is
// replaced by recorders; the assertions read the options and handlers window.ts and the glue set.
const seen = vi.hoisted(() => ({
  windows: [] as Array<Record<string, unknown>>,
  contents: new Map<string, (...args: unknown[]) => void>(),
  openHandler: undefined as undefined | ((d: unknown) => unknown),
  permissionRequest: undefined as undefined | ((...a: unknown[]) => void),
  permissionCheck: undefined as undefined | ((...a: unknown[]) => unknown),
  devicePermission: undefined as undefined | ((...a: unknown[]) => unknown),
  headers: undefined as undefined | ((d: unknown, cb: (r: unknown) => void) => void),
  schemes: [] as unknown[],
  opened: [] as string[],
}));

vi.mock('electron', () => {
  const webContents = {
    setWindowOpenHandler: (h: (d: unknown) => unknown) => void (seen.openHandler = h),
    on: (name: string, h: (...a: unknown[]) => void) => void seen.contents.set(name, h),
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      seen.windows.push(options);
    }
    once() {}
    show() {}
  }
  const defaultSession = {
    setPermissionRequestHandler: (h: (...a: unknown[]) => void) => void (seen.permissionRequest = h),
    setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => void (seen.permissionCheck = h),
    setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => void (seen.devicePermission = h),
    setDisplayMediaRequestHandler: () => undefined,
    webRequest: { onHeadersReceived: (h: (d: unknown, cb: (r: unknown) => void) => void) => void (seen.headers = h) },
  };
  return {
    BrowserWindow,
    session: { defaultSession },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => void seen.schemes.push(...s), handle: () => undefined },
    shell: { openExternal: async (url: string) => void seen.opened.push(url) },
  };
});

const root = path.resolve(__dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const { createMainWindow, APP_ENTRY_URL, APP_ORIGIN } = await import('../../src-main/window');
const { CONTENT_SECURITY_POLICY } = await import('../../src-main/security/csp');
const { registerAppScheme } = await import('../../src-main/platform/app-protocol');
const { openExternalChecked } = await import('../../src-main/platform/open-external');
const { sameOriginMainFrame } = await import('../../src-main/security/sender-policy');
const { FUSES } = await import('../../build/fuses.mjs');
const { FuseV1Options } = await import('@electron/fuses');

let prefs: Record<string, unknown>;
const checklist: string[] = [];
const item = (n: number, title: string) => {
  checklist.push(`${n}. ${title}`);
  return `${n}. ${title}`;
};

beforeAll(() => {
  createMainWindow('/app/out/preload/index.cjs', false);
  registerAppScheme();
  prefs = seen.windows[0]!.webPreferences as Record<string, unknown>;
});

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((e) => {
    const rel = path.join(dir, e);
    return statSync(path.join(root, rel)).isDirectory() ? filesUnder(rel) : [rel];
  });
}

describe('Electron security checklist, as code', () => {
  it(item(1, 'only secure content: the UI comes from the app:// scheme registered as secure, without fetch/CORS privileges'), () => {
    expect(APP_ENTRY_URL.startsWith('app://console/')).toBe(true);
    expect(seen.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } }]);
  });

  it(item(2, 'no Node.js integration in the renderer, workers or sub-frames'), () => {
    expect(prefs).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false });
  });

  it(item(3, 'context isolation'), () => expect(prefs.contextIsolation).toBe(true));

  it(item(4, 'process sandboxing for this window and every renderer'), () => {
    expect(prefs.sandbox).toBe(true);
    expect(read('src-main/index.ts')).toMatch(/app\.enableSandbox\(\)/);
  });

  it(item(5, 'session permission requests denied'), () => {
    let granted: boolean | undefined;
    seen.permissionRequest!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(seen.permissionCheck!({}, 'clipboard-read')).toBe(false);
    expect(seen.devicePermission!({})).toBe(false);
  });

  it(item(6, 'webSecurity not disabled'), () => expect(prefs.webSecurity).toBe(true));

  it(item(7, 'a Content Security Policy on every response: no inline script, no renderer network, no framing'), () => {
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'none'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    let headers: Record<string, string[]> = {};
    seen.headers!({ responseHeaders: {} }, (r: unknown) => (headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it(item(8, 'allowRunningInsecureContent off'), () => expect(prefs.allowRunningInsecureContent).toBe(false));

  it(item(9, 'experimental features off'), () => expect(prefs.experimentalFeatures).toBe(false));

  it(item(10, 'no enableBlinkFeatures'), () => {
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(filesUnder('src-main').filter((f) => f.endsWith('.ts') && read(f).includes('enableBlinkFeatures'))).toEqual([]);
  });

  it(item(11, 'no <webview> (and so no allowpopups)'), () => {
    expect(prefs.webviewTag).toBe(false);
    const event = { preventDefault: vi.fn() };
    seen.contents.get('will-attach-webview')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it(item(12, 'webview options verified: every attach is refused, so none is created'), () => {
    expect(seen.contents.has('will-attach-webview')).toBe(true);
  });

  it(item(13, 'navigation limited: top-level navigation and redirects refused, frames only to our origin'), () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const event = { preventDefault: vi.fn(), url: 'https://evil.example/' };
      seen.contents.get(name)!(event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    const foreign = { preventDefault: vi.fn(), url: 'https://evil.example/' };
    seen.contents.get('will-frame-navigate')!(foreign);
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn(), url: `${APP_ORIGIN}/index.html` };
    seen.contents.get('will-frame-navigate')!(own);
    expect(own.preventDefault).not.toHaveBeenCalled();
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it(item(14, 'new windows refused'), () => {
    expect(seen.openHandler!({ url: 'https://learn.microsoft.com/' })).toEqual({ action: 'deny' });
  });

  it(item(15, 'shell.openExternal only for allow-listed https links'), async () => {
    await openExternalChecked('https://learn.microsoft.com/azure/aks/', ['learn.microsoft.com']);
    for (const bad of ['file:///etc/passwd', 'https://evil.example/', 'https://user:pw@learn.microsoft.com/', 'smb://server/share', 'javascript:alert(1)']) {
      await expect(openExternalChecked(bad, ['learn.microsoft.com'])).rejects.toThrow(/refused/);
    }
    expect(seen.opened).toEqual(['https://learn.microsoft.com/azure/aks/']);
    const users = filesUnder('src-main').filter((f) => f.endsWith('.ts') && /shell\.openExternal\(/.test(read(f)));
    expect(users).toEqual([path.join('src-main', 'platform', 'open-external.ts')]);
  });

  it(item(16, 'a current Electron major'), () => {
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
    expect(Number(pkg.devDependencies.electron!.split('.')[0])).toBeGreaterThanOrEqual(43);
  });

  it(item(17, 'IPC senders validated, and only the transport touches ipcMain'), () => {
    const trust = sameOriginMainFrame(APP_ORIGIN);
    expect(trust({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true, senderId: '1' })).toBe(true);
    expect(trust({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false, senderId: '1' })).toBe(false);
    expect(trust({ url: 'https://evil.example/', isMainFrame: true, senderId: '1' })).toBe(false);
    expect(trust({ url: 'file:///index.html', isMainFrame: true, senderId: '1' })).toBe(false);
    const importers = filesUnder('src-main').filter((f) => f.endsWith('.ts') && /import\s*{[^}]*\bipcMain\b[^}]*}\s*from\s*'electron'/.test(read(f)));
    expect(importers).toEqual([path.join('src-main', 'ipc', 'electron-transport.ts')]);
    expect(read('src-main/ipc/electron-transport.ts')).toMatch(/router\.dispatch\(channel, payload, senderOf\(event\)\)/);
  });

  it(item(18, 'no file:// for the UI: a custom protocol, and file:// gets no extra privileges'), () => {
    expect(read('src-main/index.ts')).not.toMatch(/loadFile\(|file:\/\//);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it(item(19, 'fuses flipped at pack time'), () => {
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    expect(read('electron-builder.config.mjs')).toMatch(/afterPack: '\.\/build\/after-pack\.mjs'/);
  });

  it(item(20, 'no Electron API exposed to the page: the preload exposes one contract bridge'), () => {
    const preload = read('src-main/preload/index.ts');
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*PRELOAD_GLOBAL,\s*buildPreloadApi\(/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    console.log(`reliability: security checklist items asserted ${checklist.length}`);
  });
});
