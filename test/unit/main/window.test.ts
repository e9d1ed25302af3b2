import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary is absent here, so its API is replaced by recorders: the test asserts what
// window.ts asks of Electron (options, handlers), which is exactly what the security checklist reviews.
const recorded = vi.hoisted(() => ({
  options: [] as Array<Record<string, unknown>>,
  contentsHandlers: new Map<string, (...args: unknown[]) => void>(),
  windowOpenHandler: undefined as undefined | ((details: unknown) => unknown),
  permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
  permissionCheck: undefined as undefined | ((...args: unknown[]) => unknown),
  headers: undefined as undefined | ((details: unknown, cb: (r: unknown) => void) => void),
}));

vi.mock('electron', () => {
  const webContents = {
    setWindowOpenHandler: (h: (d: unknown) => unknown) => {
      recorded.windowOpenHandler = h;
    },
    on: (name: string, h: (...args: unknown[]) => void) => {
      recorded.contentsHandlers.set(name, h);
    },
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      recorded.options.push(options);
    }
    once() {}
    show() {}
  }
  const defaultSession = {
    setPermissionRequestHandler: (h: (...args: unknown[]) => void) => {
      recorded.permissionRequest = h;
    },
    setPermissionCheckHandler: (h: (...args: unknown[]) => unknown) => {
      recorded.permissionCheck = h;
    },
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    webRequest: {
      onHeadersReceived: (h: (details: unknown, cb: (r: unknown) => void) => void) => {
        recorded.headers = h;
      },
    },
  };
  return { BrowserWindow, session: { defaultSession } };
});

const { createMainWindow, APP_ENTRY_URL } = await import('../../../src-main/window');
const { CONTENT_SECURITY_POLICY } = await import('../../../src-main/security/csp');

describe('the hardened console window', () => {
  beforeEach(() => {
    recorded.options.length = 0;
    recorded.contentsHandlers.clear();
    createMainWindow('/app/out/preload/index.cjs', false);
  });

  it('isolates and sandboxes the renderer with no Node, no webviews, no insecure content', () => {
    const prefs = recorded.options[0]!.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads from app://, not file://', () => {
    expect(APP_ENTRY_URL).toBe('app://console/index.html');
  });

  it('denies new windows, navigation, redirects and webviews', () => {
    expect(recorded.windowOpenHandler?.({ url: 'https://portal.azure.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      recorded.contentsHandlers.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    const foreign = { url: 'https://evil.example/', preventDefault: vi.fn() };
    recorded.contentsHandlers.get('will-frame-navigate')?.(foreign);
    expect(foreign.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    recorded.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('adds the CSP header to every response', () => {
    let result: { responseHeaders: Record<string, string[]> } | undefined;
    recorded.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => {
      result = r as typeof result;
    });
    expect(result?.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(result?.responseHeaders['X-Other']).toEqual(['1']);
  });
});
