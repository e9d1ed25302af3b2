import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('layering rules of house-style.md are active', () => {
  // The first lint loads the TypeScript program; on a busy machine that alone outlasts a test's 5 s.
  beforeAll(() => ruleIds('export {};\n', 'src-main/services/demo/x.ts'), 120_000);

  it.each([
    ['a service importing electron', "import { app } from 'electron';\nexport const x = app;\n", 'src-main/services/demo/x.ts', 'no-restricted-imports'],
    ['a service importing Electron glue', "import { createMainWindow } from '../../window';\nexport const x = createMainWindow;\n", 'src-main/services/demo/x.ts', 'no-restricted-imports'],
    ['the contract importing anything but zod', "import fs from 'node:fs';\nexport const x = fs;\n", 'src-main/ipc/contract/demo.ts', 'no-restricted-imports'],
    ['raw ipcMain outside the transport', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'src-main/platform/demo.ts', 'no-restricted-imports'],
    ['the renderer importing the contract as a value', "import { invokes } from '../../src-main/ipc/contract';\nexport const x = invokes;\n", 'src-renderer/features/demo.ts', '@typescript-eslint/no-restricted-imports'],
    ['the renderer importing main-process code', "import type { IpcRouter } from '../../src-main/ipc/router';\nexport type X = IpcRouter;\n", 'src-renderer/features/demo.ts', '@typescript-eslint/no-restricted-imports'],
    ['the renderer importing Node', "import fs from 'node:fs';\nexport const x = fs;\n", 'src-renderer/features/demo.ts', '@typescript-eslint/no-restricted-imports'],
    ['the renderer importing ssh2', "import { Client } from 'ssh2';\nexport const x = Client;\n", 'src-renderer/features/demo.ts', '@typescript-eslint/no-restricted-imports'],
  ])('flags %s', async (_name, code, file, rule) => {
    expect(await ruleIds(code, file)).toContain(rule);
  });

  it('allows the renderer to import the contract as types', async () => {
    const code = "import type { InvokeChannel } from '../../src-main/ipc/contract';\nexport type X = InvokeChannel;\n";
    expect(await ruleIds(code, 'src-renderer/features/demo.ts')).toEqual([]);
  });

  it('allows ipcMain in the Electron transport', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n";
    expect(await ruleIds(code, 'src-main/ipc/electron-transport.ts')).toEqual([]);
  });
});
