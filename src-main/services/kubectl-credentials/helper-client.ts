import { readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { assertPrivate, ChannelError } from './channel-guard';
import { channelLocation, type ChannelLocation } from './channel-location';
import { execCredential, LAUNCH_SECRET_PATTERN, MAX_LINE_BYTES, readAnswer, type ExecCredential } from './channel-wire';

/** The switch that turns the app binary (or the node entry) into kubectl's credential helper. */
export const HELPER_SWITCH = '--kube-credential';

export type { ExecCredential } from './channel-wire';

/** The helper's command-line arguments. */
export interface HelperArgs {
  readonly clusterId: string;
  readonly context?: string | undefined;
  readonly runtimeDir?: string | undefined;
  readonly claims?: string | undefined;
}

/** Where the helper's output goes (process streams in the entry, buffers in tests). */
export interface HelperIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly timeoutMs?: number;
}

const PREFIX = 'aks-console-credential:';
const VALUE_FLAGS = new Set(['--cluster', '--context', '--runtime-dir', '--claims']);

/** Parses `--cluster <id> [--context <name>] [--runtime-dir <dir>] [--claims <json>]` (the switch itself is ignored). */
export function parseHelperArgs(argv: readonly string[]): HelperArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    if (flag === HELPER_SWITCH) continue;
    if (!VALUE_FLAGS.has(flag) || argv[i + 1] === undefined) throw new ChannelError('helper.usage', `unknown argument ${flag}; usage: ${HELPER_SWITCH} --cluster <AKS resource id> [--context <name>]`);
    values.set(flag, argv[i + 1]!);
    i += 1;
  }
  const clusterId = values.get('--cluster');
  if (!clusterId) throw new ChannelError('helper.usage', `--cluster is required; usage: ${HELPER_SWITCH} --cluster <AKS resource id> [--context <name>]`);
  return { clusterId, context: values.get('--context'), runtimeDir: values.get('--runtime-dir'), claims: values.get('--claims') };
}

/** This user's channel location (the same computation the console makes). */
export function helperLocation(env: NodeJS.ProcessEnv, runtimeDir?: string): ChannelLocation {
  return channelLocation({ platform: process.platform, env, uid: process.getuid?.() ?? null, username: os.userInfo().username, tmpdir: os.tmpdir(), override: runtimeDir });
}

async function readSecret(location: ChannelLocation, uid: number | null): Promise<string> {
  await assertPrivate(location.dir, 'folder', uid);
  await assertPrivate(location.secretFile, 'file', uid);
  if (location.kind === 'unix-socket') await assertPrivate(location.endpoint, 'socket', uid);
  const secret = (await readFile(location.secretFile, 'utf8')).trim();
  if (!LAUNCH_SECRET_PATTERN.test(secret)) throw new ChannelError('channel.bad_secret', `${location.secretFile} does not hold a launch secret`);
  return secret;
}

function exchange(endpoint: string, line: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(endpoint);
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ChannelError('channel.timeout', `the console did not answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length > MAX_LINE_BYTES) socket.destroy(new Error('answer too large'));
    });
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(received.toString('utf8'));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const gone = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      reject(new ChannelError(gone ? 'channel.not_running' : 'channel.io', gone ? 'nothing is listening' : error.message));
    });
  });
}

function execApiVersion(env: NodeJS.ProcessEnv): ExecCredential['apiVersion'] {
  try {
    const info = JSON.parse(env.KUBERNETES_EXEC_INFO ?? '{}') as { apiVersion?: unknown };
    if (info.apiVersion === 'client.authentication.k8s.io/v1beta1') return info.apiVersion;
  } catch {
    // kubectl always sends valid JSON; anything else gets the v1 answer.
  }
  return 'client.authentication.k8s.io/v1';
}

/** Asks the running console for a token and shapes kubectl's ExecCredential; a ChannelError otherwise. */
export async function requestCredential(args: HelperArgs, io: HelperIo): Promise<ExecCredential> {
  const uid = process.getuid?.() ?? null;
  const location = helperLocation(io.env, args.runtimeDir);
  let secret: string;
  try {
    secret = await readSecret(location, uid);
  } catch (error) {
    if (error instanceof ChannelError && error.code === 'channel.absent') throw new ChannelError('channel.not_running', 'AKS Access Console is not running (no credential channel); start it, sign in, and run kubectl again.');
    throw error;
  }
  const request = { v: 1, secret, clusterId: args.clusterId, ...(args.context ? { context: args.context } : {}), ...(args.claims ? { claims: args.claims } : {}), caller: { pid: process.pid, ppid: process.ppid } };
  let text: string;
  try {
    text = await exchange(location.endpoint, JSON.stringify(request), io.timeoutMs ?? 8_000);
  } catch (error) {
    if (error instanceof ChannelError && error.code === 'channel.not_running') throw new ChannelError('channel.not_running', 'AKS Access Console is not running (its credential channel is gone); start it, sign in, and run kubectl again.');
    throw error;
  }
  const answer = readAnswer(text.trim());
  if (!answer) throw new ChannelError('channel.bad_answer', 'the console sent an answer the helper cannot read; update or restart the console.');
  if (!answer.ok) throw new ChannelError(answer.code, answer.message);
  return execCredential(execApiVersion(io.env), answer.token, answer.expiresOn);
}

/** The whole helper: prints an ExecCredential and returns 0, or prints one actionable line to stderr and returns 1. */
export async function runHelper(argv: readonly string[], io: HelperIo): Promise<number> {
  try {
    const credential = await requestCredential(parseHelperArgs(argv), io);
    io.stdout(`${JSON.stringify(credential)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${PREFIX} ${message.replace(/\s+/g, ' ')}\n`);
    return 1;
  }
}
