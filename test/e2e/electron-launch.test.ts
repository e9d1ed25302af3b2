import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

/**
 * Path of the Electron binary if this machine has it (it cannot be downloaded on our build
 * machines). Read from the package's path.txt: `require('electron')` would try to download it.
 */
function electronBinary(): string | undefined {
  try {
    const dir = path.resolve('node_modules/electron');
    const binary = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (!binary) {
  console.warn('SKIPPED electron-launch: the Electron binary is not installed on this machine (see environment.md); the Chromium e2e suite covers the renderer and router.');
}

describe.skipIf(!binary)('the packaged-style Electron app (needs the Electron binary)', () => {
  it('opens the hardened window on app://console with the bridge and no Node in the page', async () => {
    const app = await electron.launch({ executablePath: binary!, args: ['.'] });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://console/index.html');
      const probe = await page.evaluate(() => ({
        bridge: typeof (window as unknown as { aksConsole?: unknown }).aksConsole,
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(probe).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
    }
  });
});
