import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

const RULE = 'one-event-primitive/no-hand-rolled-events';

describe('one event primitive', () => {
  // The first lint loads the TypeScript program; on a busy machine that alone outlasts a test's 5 s.
  beforeAll(() => ruleIds('export {};\n', 'src-main/services/demo/x.ts'), 120_000);

  it.each([
    ['a service keeping a set of listener functions', 'export class A {\n  private readonly listeners = new Set<(n: number) => void>();\n  size = this.listeners.size;\n}\n', 'src-main/services/demo/x.ts'],
    ['a service keeping a set of a …Listener type', 'type TunnelListener = (n: number) => void;\nexport const listeners = new Set<TunnelListener>();\n', 'src-main/services/demo/x.ts'],
    ["a service exposing Node's EventEmitter", "import { EventEmitter } from 'node:events';\nexport class A extends EventEmitter {}\n", 'src-main/services/demo/x.ts'],
    ["Node's EventEmitter as the module default", "import EventEmitter from 'events';\nexport const e = new EventEmitter();\n", 'src-main/ipc/handlers/demo.ts'],
    ['a renderer store with its own listener set', 'export const listeners = new Set<() => void>();\n', 'src-renderer/ui/demo.ts'],
  ])('flags %s', async (_name, code, file) => {
    expect(await ruleIds(code, file)).toContain(RULE);
  });

  it('passes a set of values and the Emitter exposed as onDidX', async () => {
    const code = "import { Emitter } from '../events';\nexport class A {\n  private readonly ids = new Set<string>();\n  private readonly changes = new Emitter<[id: string]>();\n  readonly onDidChange = this.changes.event;\n  has = (id: string) => this.ids.has(id);\n}\n";
    expect(await ruleIds(code, 'src-main/services/demo/x.ts')).toEqual([]);
  });

  it('lets the renderer import the Emitter itself, and nothing else of main', async () => {
    expect(await ruleIds("import { Emitter } from '../../src-main/services/events/emitter';\nexport const e = new Emitter<[]>();\n", 'src-renderer/ui/demo.ts')).toEqual([]);
    expect(await ruleIds("import { DisposableStore } from '../../src-main/services/events';\nexport const s = DisposableStore;\n", 'src-renderer/ui/demo.ts')).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('keeps the shared emitter free of imports', async () => {
    expect(await ruleIds("import { log } from '../log';\nexport const x = log;\n", 'src-main/services/events/emitter.ts')).toContain('no-restricted-imports');
  });
});
