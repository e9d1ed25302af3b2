import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtForThisPlatform, chooseHelperCommand, executableHeader, hostHelperFacts } from '../../../../../src-main/services/kubeconfig/helper-choice';
import { buildNativeHelper } from '../../../../support/credential-helper-build';

const fallback = { command: '/opt/aks/aks-access-console', args: [], runtimeDir: '/run/user/1000/aks-console' };
let dir: string;
let native: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-helper-choice-'));
  native = await buildNativeHelper();
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('which credential helper the kubeconfig calls', () => {
  it('the native helper when it is there and built for this machine (keeping the runtime folder)', () => {
    expect(chooseHelperCommand(native, fallback, hostHelperFacts)).toEqual({ command: native, args: [], runtimeDir: fallback.runtimeDir });
  });

  it('the app binary when the native helper is absent, not executable, or not a binary for this platform', async () => {
    expect(chooseHelperCommand(path.join(dir, 'absent'), fallback, hostHelperFacts)).toBe(fallback);
    expect(chooseHelperCommand(undefined, fallback, hostHelperFacts)).toBe(fallback);
    const script = path.join(dir, 'script');
    await writeFile(script, '#!/bin/sh\necho {}\n', { mode: 0o755 });
    expect(chooseHelperCommand(script, fallback, hostHelperFacts)).toBe(fallback);
    const copy = path.join(dir, 'not-executable');
    await writeFile(copy, executableHeader(native)!);
    await chmod(copy, 0o644);
    expect(chooseHelperCommand(copy, fallback, hostHelperFacts)).toBe(fallback);
  });

  it('reads the header: this machine\'s ELF on Linux, never on Windows or for another CPU', () => {
    const header = executableHeader(native);
    expect(builtForThisPlatform(header, 'linux', process.arch)).toBe(true);
    expect(builtForThisPlatform(header, 'linux', process.arch === 'arm64' ? 'x64' : 'arm64')).toBe(false);
    expect(builtForThisPlatform(header, 'win32', process.arch)).toBe(false);
    expect(builtForThisPlatform(header, 'darwin', process.arch)).toBe(false);
  });
});
