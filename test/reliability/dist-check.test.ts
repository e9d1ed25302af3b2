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
