import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('Electronegativity over the project root', () => {
  it('reports zero findings beyond the reviewed exceptions, and no stale exception', () => {
    expect(existsSync('out/main/index.js'), 'run `npm run build` first: the scan covers the build output too').toBe(true);
    const run = spawnSync('node', ['scripts/electronegativity.mjs'], { encoding: 'utf8', timeout: 280_000 });
    expect(run.stdout).toMatch(/electronegativity: \d+ raw findings/);
    expect(run.stdout, run.stdout + run.stderr).toContain(', 0 open, 0 stale exceptions');
    expect(run.status).toBe(0);
  }, 300_000);
});
