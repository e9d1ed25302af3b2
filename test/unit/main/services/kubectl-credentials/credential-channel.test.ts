import { execFile } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { procCallerLookup } from '../../../../../src-main/services/kubectl-credentials/caller-process';
import { runHelper } from '../../../../../src-main/services/kubectl-credentials/helper-client';
import { CLUSTER, CLUSTER_TENANT } from './broker-fixture';
import { channelWorld, cleanup } from './channel-fixture';
import { buildNativeHelper } from '../../../../support/credential-helper-build';

const uid = process.getuid!();
const NOBODY = 65534;
/** A broker with a registered context and a channel in a fresh runtime folder (not started). */
const world = () => channelWorld();

type HelperRun = { code: number; stdout: string; stderr: string };

/** One of the two helpers kubectl may be given: the Node entry's code (in-process) or the native executable. */
interface HelperUnderTest {
  readonly name: string;
  /** The pid the console should audit as the caller (the helper's parent). */
  readonly callerPid: () => number;
  run(argv: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<HelperRun>;
}

const nodeHelper: HelperUnderTest = {
  name: 'the Node helper',
  callerPid: () => process.ppid,
  async run(argv, options = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runHelper(argv, { env: options.env ?? {}, stdout: (t) => out.push(t), stderr: (t) => err.push(t), timeoutMs: options.timeoutMs ?? 3_000 });
    return { code, stdout: out.join(''), stderr: err.join('') };
  },
};

let nativeBinary: Promise<string> | undefined;
const nativeHelper: HelperUnderTest = {
  name: 'the native helper',
  callerPid: () => process.pid,
  async run(argv, options = {}) {
    const file = await (nativeBinary ??= buildNativeHelper());
    const env = { ...options.env, AKS_CONSOLE_HELPER_TIMEOUT_MS: String(options.timeoutMs ?? 3_000) };
    return new Promise((resolve) => {
      execFile(file, argv, { env, timeout: 20_000 }, (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }));
    });
  },
};

function rawRequest(endpoint: string, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(endpoint, () => socket.write(payload));
    let text = '';
    socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

/** Runs a helper as kubectl would for the fixture's context (`--kube-credential` first, then its arguments). */
function ask(helper: HelperUnderTest, runtimeDir: string, args: string[] = ['--cluster', CLUSTER, '--context', 'aks-prod'], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }) {
  return helper.run(['--kube-credential', ...args, '--runtime-dir', runtimeDir], options);
}

describe.each([nodeHelper, nativeHelper])('the credential channel and $name (a real Unix domain socket)', (helper) => {
  it('hands kubectl an ExecCredential v1 with expirationTimestamp, over a 0600 socket in a 0700 folder', async () => {
    const w = await world();
    await w.channel.start();
    const { stat } = await import('node:fs/promises');
    expect((await stat(w.runtimeDir)).mode & 0o777).toBe(0o700);
    expect((await stat(w.location.endpoint)).mode & 0o777).toBe(0o600);
    expect((await stat(w.location.secretFile)).mode & 0o777).toBe(0o600);
    const result = await ask(helper, w.runtimeDir);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(result.stdout)).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: { interactive: false },
      status: { token: `aks-token-1-${CLUSTER_TENANT}`, expirationTimestamp: '2030-01-01T00:00:00Z' },
    });
    expect(w.audit.at(-1)).toMatchObject({ outcome: 'success', details: { callerPid: helper.callerPid() } });
  });

  it('answers v1beta1 when kubectl says it speaks v1beta1, and passes a CAE claims value on', async () => {
    const w = await world();
    await w.channel.start();
    const env = { KUBERNETES_EXEC_INFO: JSON.stringify({ kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', spec: { interactive: false } }) };
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    const result = await ask(helper, w.runtimeDir, ['--cluster', CLUSTER, '--context', 'aks-prod', '--claims', claims], { env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential' });
    expect(w.asked).toEqual([expect.objectContaining({ claims })]);
  });

  it('says the console is not running when there is no channel, at once and with one line', async () => {
    const w = await world();
    const result = await ask(helper, w.runtimeDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('aks-console-credential: AKS Access Console is not running (no credential channel); start it, sign in, and run kubectl again.\n');
  });

  it('says the console is not running after it stopped (socket and secret removed)', async () => {
    const w = await world();
    await w.channel.start();
    await w.channel.stop();
    expect(await readdir(w.runtimeDir)).toEqual([]);
    expect((await ask(helper, w.runtimeDir)).stderr).toMatch(/not running/);
  });

  it('refuses a stale launch secret: no token, nothing issued', async () => {
    const w = await world();
    await w.channel.start();
    await writeFile(w.location.secretFile, 'ab'.repeat(32), { mode: 0o600 });
    const result = await ask(helper, w.runtimeDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/launch secret does not match this console/);
    expect(w.asked).toEqual([]);
    expect(w.audit).toEqual([]);
  });

  it('refuses a cluster without a console-written context (the refusal is audited, no token sent)', async () => {
    const w = await world();
    await w.channel.start();
    const other = CLUSTER.replace('aks-prod', 'aks-other');
    const result = await ask(helper, w.runtimeDir, ['--cluster', other]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/has not written a context for this cluster/);
    expect(w.audit).toEqual([expect.objectContaining({ outcome: 'denied', target: other })]);
  });

  it('refuses a request the console finds malformed (a cluster that is not an AKS id) with its one line', async () => {
    const w = await world();
    await w.channel.start();
    const result = await ask(helper, w.runtimeDir, ['--cluster', 'aks-"prod\n']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^aks-console-credential: the request is malformed \(clusterId: must be an AKS resource id\)\n$/);
    expect(w.asked).toEqual([]);
  });

  it.each([
    ['locked', (w: Awaited<ReturnType<typeof world>>) => void (w.state.locked = true), 'AKS Access Console is locked: unlock it, then run kubectl again.'],
    ['signed out', (w: Awaited<ReturnType<typeof world>>) => void (w.state.identity = 'signed-out'), 'AKS Access Console is signed out: sign in to the console, then run kubectl again.'],
  ])('a %s console: one actionable line, no token', async (_name, change, line) => {
    const w = await world();
    await w.channel.start();
    change(w);
    const result = await ask(helper, w.runtimeDir);
    expect(result).toEqual({ code: 1, stdout: '', stderr: `aks-console-credential: ${line}\n` });
    expect(w.asked).toEqual([]);
  });

  it.each([
    ['the folder has loose modes', async (w: Awaited<ReturnType<typeof world>>) => chmod(w.runtimeDir, 0o711), /mode 0711; it must be 0700/],
    ['the secret file is readable by others', async (w: Awaited<ReturnType<typeof world>>) => chmod(w.location.secretFile, 0o644), /kubectl.secret has mode 0644/],
    ['the socket is owned by another user', async (w: Awaited<ReturnType<typeof world>>) => chown(w.location.endpoint, NOBODY, NOBODY), /kubectl.sock is owned by uid 65534/],
    ['the folder is owned by another user', async (w: Awaited<ReturnType<typeof world>>) => chown(w.runtimeDir, NOBODY, NOBODY), /run is owned by uid 65534/],
    ['the secret is a symlink', async (w: Awaited<ReturnType<typeof world>>) => {
      await rm(w.location.secretFile);
      const { symlink } = await import('node:fs/promises');
      await symlink('/etc/hostname', w.location.secretFile);
    }, /is not a file/],
  ])('the helper refuses when %s: no request is sent', async (_name, tamper, message) => {
    const w = await world();
    await w.channel.start();
    await tamper(w);
    const result = await ask(helper, w.runtimeDir);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(w.asked).toEqual([]);
    expect(w.audit).toEqual([]);
  });

  it.each([
    ['answers something else', (socket: net.Socket) => socket.end('<html>proxy</html>\n'), /answer the helper cannot read/],
    ['answers a token in the other form', (socket: net.Socket) => socket.end('{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x\u0007"}}\n'), /answer the helper cannot read/],
    ['never answers', () => undefined, /did not answer within 1 s/],
  ])('the helper does not hang or print a credential when whatever listens %s', async (_name, behave, message) => {
    const w = await world();
    await w.channel.start();
    await w.channel.stop();
    await mkdir(w.runtimeDir, { recursive: true, mode: 0o700 });
    await writeFile(w.location.secretFile, 'cd'.repeat(32), { mode: 0o600 });
    const sockets: net.Socket[] = [];
    const impostor = net.createServer((socket) => {
      sockets.push(socket);
      behave(socket);
    });
    await new Promise<void>((resolve) => impostor.listen(w.location.endpoint, resolve));
    await chmod(w.location.endpoint, 0o600);
    cleanup.push(() => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      impostor.close(resolve);
    }));
    const result = await helper.run(['--cluster', CLUSTER, '--runtime-dir', w.runtimeDir], { timeoutMs: 1_000 });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('rejects unknown helper arguments with a usage line', async () => {
    const w = await world();
    const result = await ask(helper, w.runtimeDir, ['--cluster', CLUSTER, '--token', 'x']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unknown argument --token; usage:/);
  });
});

describe('the native helper and a socket served by another user', () => {
  it('refuses a 0600 socket of ours whose listener runs as another uid (SO_PEERCRED): no request is sent', async () => {
    const w = await world();
    await w.channel.start();
    await w.channel.stop();
    await mkdir(w.runtimeDir, { recursive: true, mode: 0o700 });
    await writeFile(w.location.secretFile, 'cd'.repeat(32), { mode: 0o600 });
    // Another user's process listens in a folder of its own; the socket is then moved into ours and made to look like ours.
    const foreign = await mkdtemp('/tmp/aksc-foreign-');
    cleanup.push(() => rm(foreign, { recursive: true, force: true }));
    await chown(foreign, NOBODY, NOBODY);
    const socketPath = path.join(foreign, 's.sock');
    const script = `const s=require('net').createServer(c=>{c.on('data',()=>{require('fs').writeFileSync(${JSON.stringify(path.join(foreign, 'asked'))},'');c.end('{}\\n')})});s.listen(${JSON.stringify(socketPath)},()=>process.stdout.write('up\\n'))`;
    const { spawn } = await import('node:child_process');
    const listener = spawn(process.execPath, ['-e', script], { uid: NOBODY, gid: NOBODY, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanup.push(() => new Promise((resolve) => { listener.once('exit', resolve); listener.kill(); }));
    await new Promise((resolve, reject) => { listener.stdout.once('data', resolve); listener.once('exit', reject); });
    const { rename } = await import('node:fs/promises');
    await rename(socketPath, w.location.endpoint);
    await chown(w.location.endpoint, uid, uid);
    await chmod(w.location.endpoint, 0o600);
    const result = await ask(nativeHelper, w.runtimeDir);
    expect(result).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/kubectl\.sock is served by uid 65534, not by you \(uid \d+\); refusing to use it\n$/) });
    expect(await readdir(foreign)).toEqual([]);
  });
});

describe('the credential channel (the console\'s end)', () => {
  it.each([
    ['not JSON', 'hello\n', /not JSON/],
    ['missing fields', '{"v":1}\n', /malformed \(secret/],
    ['an unknown field', JSON.stringify({ v: 1, secret: 'a'.repeat(64), clusterId: CLUSTER, caller: { pid: 1, ppid: 1 }, extra: true }) + '\n', /malformed/],
    ['an unknown reply form', JSON.stringify({ v: 1, secret: 'a'.repeat(64), clusterId: CLUSTER, caller: { pid: 1, ppid: 1 }, reply: 'text/plain' }) + '\n', /malformed \(reply/],
    ['a cluster that is not an AKS id', JSON.stringify({ v: 1, secret: 'a'.repeat(64), clusterId: 'aks-prod', caller: { pid: 1, ppid: 1 } }) + '\n', /must be an AKS resource id/],
    ['an oversized line', `${'x'.repeat(20_000)}\n`, /too large/],
  ])('refuses a malformed request (%s) with a clear message and issues nothing', async (_name, payload, message) => {
    const w = await world();
    await w.channel.start();
    const answer = JSON.parse(await rawRequest(w.location.endpoint, payload)) as { ok: boolean; code: string; message: string };
    expect(answer).toMatchObject({ ok: false, code: 'channel.malformed', message: expect.stringMatching(message) });
    expect(w.asked).toEqual([]);
    expect(w.audit).toEqual([]);
  });

  it('the console refuses to start in a runtime folder with loose modes, and writes nothing there', async () => {
    const w = await world();
    await mkdir(w.runtimeDir, { mode: 0o755 });
    await chmod(w.runtimeDir, 0o755);
    await expect(w.channel.start()).rejects.toMatchObject({ code: 'channel.loose_mode', message: expect.stringContaining('mode 0755') });
    expect(await readdir(w.runtimeDir)).toEqual([]);
  });

  it('the console refuses a runtime folder owned by another user, and writes nothing there', async () => {
    const w = await world();
    await mkdir(w.runtimeDir, { mode: 0o700 });
    await chown(w.runtimeDir, NOBODY, NOBODY);
    await expect(w.channel.start()).rejects.toMatchObject({ code: 'channel.foreign_owner' });
    expect(await readdir(w.runtimeDir)).toEqual([]);
  });

  it("refuses a caller whose process belongs to another user (checked in /proc)", async () => {
    const proc = await mkdtemp(path.join(os.tmpdir(), 'aksc-proc-'));
    cleanup.push(() => rm(proc, { recursive: true, force: true }));
    await mkdir(path.join(proc, '77'));
    await chown(path.join(proc, '77'), NOBODY, NOBODY);
    await mkdir(path.join(proc, '78'));
    const lookup = procCallerLookup(uid, proc);
    await expect(lookup({ pid: 77, ppid: 1 })).rejects.toMatchObject({ code: 'channel.foreign_caller' });
    await expect(lookup({ pid: 79, ppid: 1 })).rejects.toMatchObject({ code: 'channel.unknown_caller' });
    await expect(lookup({ pid: 78, ppid: 1 })).resolves.toEqual({ pid: 1, exe: null });
  });

  it('answers the native helper\'s reply form with the exact ExecCredential line, and the Node form otherwise', async () => {
    const w = await world();
    await w.channel.start();
    const { readFile } = await import('node:fs/promises');
    const secret = await readFile(w.location.secretFile, 'utf8');
    const request = { v: 1, secret, clusterId: CLUSTER, context: 'aks-prod', caller: { pid: process.pid, ppid: process.pid } };
    const native = await rawRequest(w.location.endpoint, `${JSON.stringify({ ...request, reply: 'client.authentication.k8s.io/v1' })}\n`);
    expect(native).toBe(`{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{"interactive":false},"status":{"token":"aks-token-1-${CLUSTER_TENANT}","expirationTimestamp":"2030-01-01T00:00:00Z"}}\n`);
    expect(JSON.parse(await rawRequest(w.location.endpoint, `${JSON.stringify(request)}\n`))).toEqual({ ok: true, token: `aks-token-2-${CLUSTER_TENANT}`, expiresOn: Date.UTC(2030, 0, 1) });
  });
});
