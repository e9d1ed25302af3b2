/**
 * The native credential helper under valgrind's memcheck (`--error-exitcode=1 --leak-check=full`):
 * a token handed over, a refusal read back from the console, and failures before any request. CI
 * machines have valgrind; where it is missing the test fails saying so rather than passing unrun.
 */
import { execFile, execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNativeHelper } from '../../../../support/credential-helper-build';
import { CLUSTER, CLUSTER_TENANT } from './broker-fixture';
import { channelWorld } from './channel-fixture';

const VALGRIND_ERROR = 99;
let helper: string;

function valgrindPresent(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  if (!valgrindPresent()) throw new Error('valgrind is not installed: the native helper memcheck is NOT RUN (install valgrind; CI machines have it)');
  helper = await buildNativeHelper();
}, 60_000);

/** A started channel that answers slowly enough for a helper under valgrind. */
async function startedChannel() {
  const w = await channelWorld(10_000);
  await w.channel.start();
  return w;
}

function underValgrind(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = ['--quiet', `--error-exitcode=${VALGRIND_ERROR}`, '--leak-check=full', '--errors-for-leak-kinds=definite,indirect,possible', helper, '--kube-credential', ...args];
  return new Promise((resolve) => {
    execFile('valgrind', argv, { env: { AKS_CONSOLE_HELPER_TIMEOUT_MS: '20000' }, timeout: 60_000 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }));
  });
}

describe('the native credential helper under valgrind memcheck', () => {
  it('hands over a token with no memory error or leak', async () => {
    const w = await startedChannel();
    const result = await underValgrind(['--cluster', CLUSTER, '--context', 'aks-prod', '--claims', '{"access_token":{}}', '--runtime-dir', w.runtimeDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'ExecCredential', status: { token: `aks-token-1-${CLUSTER_TENANT}` } });
  }, 60_000);

  it('reads a refusal from the console (a stale secret) with no memory error: exit 1, one line', async () => {
    const w = await startedChannel();
    await writeFile(w.location.secretFile, 'ab'.repeat(32), { mode: 0o600 });
    const result = await underValgrind(['--cluster', CLUSTER, '--runtime-dir', w.runtimeDir]);
    expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^aks-console-credential: the launch secret does not match this console[^\n]*\n$/) });
  }, 60_000);

  it.each([
    ['the console is not running', (dir: string) => ['--cluster', CLUSTER, '--runtime-dir', path.join(dir, 'absent')], /is not running/],
    ['an unknown argument', (dir: string) => ['--cluster', CLUSTER, '--token', 'x', '--runtime-dir', dir], /unknown argument --token/],
    ['a request too large for the channel', (dir: string) => ['--cluster', CLUSTER, '--claims', 'x'.repeat(20_000), '--runtime-dir', dir], /too large/],
  ])('fails cleanly when %s: exit 1, one line, no memory error', async (_name, args, message) => {
    const w = await startedChannel();
    const result = await underValgrind(args(w.runtimeDir));
    expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(message) });
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  }, 60_000);
});
