/**
 * The native credential helper under valgrind's memcheck (`--error-exitcode=1 --leak-check=full`):
 * a token handed over, a refusal read back from the console, and failures before any request. CI
 * machines have valgrind; where it is missing the test fails saying so rather than passing unrun.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { procCallerLookup } from '../../../../../src-main/services/kubectl-credentials/caller-process';
import { channelLocation } from '../../../../../src-main/services/kubectl-credentials/channel-location';
import { CredentialChannel } from '../../../../../src-main/services/kubectl-credentials/credential-channel';
import { buildNativeHelper } from '../../../../support/credential-helper-build';
import { MemoryLogger } from '../../../../support/memory-logger';
import { brokerFixture, CLUSTER, CLUSTER_TENANT } from './broker-fixture';

const VALGRIND_ERROR = 99;
const cleanup: Array<() => Promise<unknown>> = [];
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

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startedChannel() {
  const f = await brokerFixture();
  await f.register();
  const runtimeDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'aksc-memcheck-')), 'run');
  const uid = process.getuid!();
  const location = channelLocation({ platform: 'linux', env: {}, uid, username: 'op', tmpdir: os.tmpdir(), override: runtimeDir });
  const channel = new CredentialChannel({ location, broker: f.broker, uid, caller: procCallerLookup(uid), log: new MemoryLogger(), requestTimeoutMs: 10_000 });
  cleanup.push(() => channel.stop(), () => rm(path.dirname(runtimeDir), { recursive: true, force: true }));
  await channel.start();
  return { ...f, runtimeDir, location };
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
