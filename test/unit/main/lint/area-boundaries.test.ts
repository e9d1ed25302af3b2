import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import areaBoundaries, { areaCycles, areaGraph } from '../../../../scripts/eslint/area-boundaries.mjs';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** Writes `files` under a fresh folder and returns it. */
async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'areas-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** An ESLint config with only the two area rules, over each of `roots`. */
function areaRulesOnly(roots: readonly string[]): Linter.Config[] {
  return roots.map((root) => ({
    files: [`${root}/**/*.ts`, `${root}/**/*.tsx`],
    languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'area-boundaries': areaBoundaries },
    rules: { 'area-boundaries/index-only': ['error', { root }], 'area-boundaries/no-area-cycle': ['error', { root }] },
  }));
}

/** Lints every file of `dir` with only the two area rules over `root`, returning "file: rule: message" lines. */
async function lintAreas(dir: string, root: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: areaRulesOnly([root]) });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath).split(path.sep).join('/')}: ${m.ruleId}: ${m.message}`)).sort();
}

const ACYCLIC = {
  'services/alpha/index.ts': "export { alpha } from './alpha';\n",
  'services/alpha/alpha.ts': "import { beta } from '../beta';\nexport const alpha = () => beta() + 1;\n",
  'services/beta/index.ts': "export { beta } from './beta';\n",
  'services/beta/beta.ts': 'export const beta = () => 1;\n',
};

describe('area-boundaries lint rules', () => {
  it('passes areas that import each other one way, through index.ts', async () => {
    expect(await lintAreas(await tree(ACYCLIC), 'services')).toEqual([]);
  });

  it('fails both ends of a deliberately introduced cycle between areas, naming the chain', async () => {
    const dir = await tree({ ...ACYCLIC, 'services/beta/beta.ts': "import type { alpha } from '../alpha';\nexport const beta = (): ReturnType<typeof alpha> => 1;\n" });
    expect(await lintAreas(dir, 'services')).toEqual([
      'services/alpha/alpha.ts: area-boundaries/no-area-cycle: This import closes a cycle between areas: alpha → beta → alpha.',
      'services/beta/beta.ts: area-boundaries/no-area-cycle: This import closes a cycle between areas: beta → alpha → beta.',
    ]);
  });

  it('finds a longer cycle through a third area', async () => {
    const dir = await tree({
      ...ACYCLIC,
      'services/beta/beta.ts': "import { gamma } from '../gamma';\nexport const beta = () => gamma;\n",
      'services/gamma/index.ts': "import { alpha } from '../alpha';\nexport const gamma = typeof alpha;\n",
    });
    const messages = await lintAreas(dir, 'services');
    expect(messages).toContain('services/gamma/index.ts: area-boundaries/no-area-cycle: This import closes a cycle between areas: gamma → alpha → beta → gamma.');
    expect(areaCycles(areaGraph(path.join(dir, 'services')))).toEqual([['alpha', 'beta', 'gamma']]);
  });

  it("fails an import of a sibling's internals and names the index to use", async () => {
    const dir = await tree({ ...ACYCLIC, 'services/alpha/alpha.ts': "import { beta } from '../beta/beta';\nexport const alpha = () => beta() + 1;\n" });
    expect(await lintAreas(dir, 'services')).toEqual([
      "services/alpha/alpha.ts: area-boundaries/index-only: Import the area 'beta' through its index.ts ('../beta'), not its internals.",
    ]);
  });

  it("fails a renderer feature reaching into another feature's internals, also from a nested folder and for re-exports", async () => {
    const dir = await tree({
      'features/checklist/index.ts': "export { CheckRow } from './check-row';\n",
      'features/checklist/check-row.tsx': 'export const CheckRow = () => <li />;\n',
      'features/wizard/index.ts': "export { Wizard } from './parts/wizard';\n",
      'features/wizard/parts/wizard.tsx': "import { CheckRow } from '../../checklist/check-row';\nimport { CheckRow as Row } from '../../checklist/index';\nexport const Wizard = () => <ul><CheckRow /><Row /></ul>;\n",
      'features/wizard/parts/more.ts': "export { CheckRow } from '../../checklist/check-row';\n",
    });
    expect(await lintAreas(dir, 'features')).toEqual([
      "features/wizard/parts/more.ts: area-boundaries/index-only: Import the area 'checklist' through its index.ts ('../../checklist'), not its internals.",
      "features/wizard/parts/wizard.tsx: area-boundaries/index-only: Import the area 'checklist' through its index.ts ('../../checklist'), not its internals.",
    ]);
  });
});

describe('the repository lint configuration', () => {
  const eslint = new ESLint({ cwd: REPO });
  const areaMessages = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath: path.join(REPO, filePath) }))[0]!.messages.filter((m) => m.ruleId?.startsWith('area-boundaries/')).map((m) => m.message);

  it('has no cycle between service areas or between renderer features today', () => {
    expect(areaCycles(areaGraph(path.join(REPO, 'src-main/services')))).toEqual([]);
    expect(areaCycles(areaGraph(path.join(REPO, 'src-renderer/features')))).toEqual([]);
  });

  it('passes every service and feature file of the real tree', async () => {
    const roots = ['src-main/services', 'src-renderer/features'];
    const results = await new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: areaRulesOnly(roots) }).lintFiles(roots);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('area-boundaries/')).map((m) => `${path.relative(REPO, r.filePath)}: ${m.message}`));
    expect(results.length).toBeGreaterThan(200);
    expect(broken).toEqual([]);
  }, 120_000);

  it('fails a service that closes a cycle with a sibling (azure-model importing azure, which imports azure-model)', async () => {
    expect(await areaMessages("import type { ArmService } from '../azure';\nexport type Arm = ArmService;\n", 'src-main/services/azure-model/cycle-probe.ts')).toEqual([
      'This import closes a cycle between service areas: azure-model → azure → azure-model.',
    ]);
  }, 60_000);

  it("fails a service importing a sibling's internals", async () => {
    expect(await areaMessages("import { ArmService } from '../azure/arm-service';\nexport const arm = ArmService;\n", 'src-main/services/pim/internals-probe.ts')).toEqual([
      "Import the service area 'azure' through its index.ts ('../azure'), not its internals.",
    ]);
  }, 60_000);

  it("fails the wizard importing the checklist feature's internals", async () => {
    expect(await areaMessages("import { checkTitle } from '../checklist/check-title';\nexport const title = checkTitle;\n", 'src-renderer/features/wizard/internals-probe.ts')).toEqual([
      "Import the feature 'checklist' through its index.ts ('../checklist'), not its internals.",
    ]);
  }, 60_000);
});
