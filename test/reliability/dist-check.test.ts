import { describe, expect, it } from 'vitest';
import { runDistChecks } from '../../scripts/dist-check';

describe('installer and fuse configuration (npm run dist:check, inside npm test)', () => {
  it('passes every packaging check against the built bundles', async () => {
    const results = await runDistChecks();
    console.log(`reliability: dist checks passed ${results.filter((r) => r.ok).length}/${results.length}`);
    expect(results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(20);
  }, 60_000);
});

describe('native binaries and the Windows signing set', () => {
  it('finds an unsigned native binary when signExts leaves its kind out', async () => {
    const { unsignedNativeBinaries } = await import('../../scripts/dist-check');
    const files = ['node_modules/keytar/build/Release/keytar.node', 'node_modules/@azure/msal-node-runtime/dist/windows/x64/msalruntime.dll', 'out/main/index.js'];
    expect(unsignedNativeBinaries(files, undefined)).toEqual(files.slice(0, 2));
    expect(unsignedNativeBinaries(files, ['.node'])).toEqual([files[1]]);
    expect(unsignedNativeBinaries(files, ['.node', '.dll', '.exe'])).toEqual([]);
  });
});
