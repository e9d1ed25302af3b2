import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm test` builds before Vitest runs; these tests read what electron-vite produced.
const out = 'out';
const read = (file: string) => readFileSync(path.join(out, file), 'utf8');

describe('the production build', () => {
  it('bundles the sandboxed preload into one CommonJS file that requires only electron', () => {
    const preload = read('preload/index.cjs');
    const required = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(readdirSync(path.join(out, 'preload'))).toEqual(['index.cjs']);
  });

  it('exposes the bridge through contextBridge and never exposes ipcRenderer itself', () => {
    const preload = read('preload/index.cjs');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  it('minifies the renderer and keeps main-process code and schemas out of it', () => {
    const assets = readdirSync(path.join(out, 'renderer/assets')).filter((f) => f.endsWith('.js'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const code = read(`renderer/assets/${asset}`);
      const lines = code.split('\n').length;
      expect(code.length / lines, `${asset} does not look minified`).toBeGreaterThan(500);
      // Markers of main-process libraries: zod's error class, keytar, ssh2's client banner, MSAL,
      // Electron's main IPC, and PEM private keys.
      const found = ['ZodError', 'keytar', 'ssh2js', '@azure/msal', 'ipcMain', 'PRIVATE KEY-----'].filter((m) => code.includes(m));
      expect(found, `${asset} contains main-process code`).toEqual([]);
    }
  });

  it('serves the renderer without inline scripts', () => {
    const html = read('renderer/index.html');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).toContain('Content-Security-Policy');
  });
});
