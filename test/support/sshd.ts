/**
 * A real OpenSSH sshd on loopback for tests: its own temp folder, freshly generated ed25519 host and
 * client keys, a dedicated test user, LogLevel VERBOSE into a log file the test can read (to prove,
 * for example, that no authentication attempt reached the server). Runs as root without systemd.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { registerForTeardown } from './run-registry';

const run = promisify(execFile);

/** The hardened (STIG/CIS, FIPS algorithm sets, scaled-down timers) sshd settings, shared with the topology. */
export const HARDENED_SSHD_CONFIG = fileURLToPath(new URL('./sshd-hardened.conf', import.meta.url));

/** Every sshd this process started and that still runs; a crashed test or bench must not leave one listening. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill();
});

/**
 * The test user every key-only sshd of this helper admits (created once per machine, no password).
 * A run nested inside another (the reliability suite interrupting `npm test`) names its own with
 * AKSC_SSHD_TEST_USER, so its teardown can never remove the user the outer run's sessions log in as.
 */
export const SSHD_TEST_USER = testUserName(process.env.AKSC_SSHD_TEST_USER);

function testUserName(fromEnv: string | undefined): string {
  if (fromEnv === undefined || fromEnv === '') return 'akssshtest';
  if (!/^[a-z][a-z0-9]{2,15}$/.test(fromEnv)) throw new Error(`AKSC_SSHD_TEST_USER must be 3-16 lowercase letters and digits, got '${fromEnv}'`);
  return fromEnv;
}

/**
 * The user of an sshd: key-only sshds share SSHD_TEST_USER; each password gets a user of its own,
 * so tests and benches running at once with different passwords never overwrite each other's.
 */
function userFor(password: string | undefined): string {
  return password ? `${SSHD_TEST_USER}${createHash('sha256').update(password).digest('hex').slice(0, 8)}` : SSHD_TEST_USER;
}

/** Options of a test sshd. */
export interface SshdOptions {
  /** Also allow password authentication, for a test user of this password's own (see `user`). */
  readonly password?: string;
  /** Listen address (default 127.0.0.1). */
  readonly listen?: string;
  /** Extra sshd_config lines. */
  readonly extraConfig?: readonly string[];
  /**
   * 'hardened': the settings of sshd-hardened.conf (ECDSA and RSA host keys, an ECDSA client key, since
   * FIPS-style sets exclude Ed25519). Default: OpenSSH's defaults with one Ed25519 host key.
   */
  readonly profile?: 'default' | 'hardened';
  /** Host key types, each its own HostKey line (default: ed25519; hardened: ecdsa, rsa). */
  readonly hostKeyTypes?: readonly HostKeyType[];
}

/** A key type ssh-keygen makes. */
export type HostKeyType = 'ed25519' | 'ecdsa' | 'rsa';

/** A running test sshd. */
export interface TestSshd {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly dir: string;
  /** The client's private key (OpenSSH format) and public key line. */
  readonly clientKey: string;
  readonly clientPublicKey: string;
  /** The host's (first) public key line (`ssh-ed25519 AAAA… comment`). */
  readonly hostPublicKey: string;
  /** Every host public key line, in HostKey order. */
  readonly hostPublicKeys: readonly string[];
  /** Path of the client private key file (for the OpenSSH client baseline). */
  readonly clientKeyPath: string;
  /** Everything sshd logged so far. */
  log(): Promise<string>;
  /** Stops sshd (its children too, so open sessions drop). */
  stop(): Promise<void>;
  /** Starts sshd again on the same port with the same keys. */
  start(): Promise<void>;
  /** Replaces the host key with a new one (simulates a rebuilt or impersonated server); restarts. */
  rotateHostKey(): Promise<void>;
  /** Stops sshd and deletes its folder. */
  close(): Promise<void>;
}

/** A free TCP port on the given loopback address. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Runs a user-database command, again while another process holds /etc/passwd's lock (tests start
 * sshds in parallel); false when `alreadyDone` says another process did it first.
 */
async function whileLocked(file: string, args: readonly string[], alreadyDone?: RegExp): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      await run(file, args);
      return true;
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr);
      if (alreadyDone?.test(stderr)) return false;
      if (attempt >= 20 || !/lock|try again/i.test(stderr)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

async function ensureUser(user: string, password: string | undefined): Promise<void> {
  const exists = await run('id', [user]).then(() => true, () => false);
  // A user this process created goes when the supervised run (npm test, npm run bench) ends.
  if (!exists && (await whileLocked('useradd', ['-m', '-s', '/bin/bash', user], /already exists/))) registerForTeardown('user', user);
  const hash = password ? (await run('openssl', ['passwd', '-6', password])).stdout.trim() : '*';
  await whileLocked('usermod', ['-p', hash, user]);
}

async function keygen(file: string, comment: string, type: HostKeyType = 'ed25519'): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', comment, '-f', file]);
}

/** Starts a fresh sshd on a free loopback port. */
export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  const user = userFor(options.password);
  await ensureUser(user, options.password);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'aks-sshd-'));
  await chmod(dir, 0o755);
  const host = options.listen ?? '127.0.0.1';
  const port = await freePort(host);
  const hardened = options.profile === 'hardened';
  const hostKeyTypes = options.hostKeyTypes ?? (hardened ? ['ecdsa', 'rsa'] : ['ed25519']);
  const hostKeyPaths = hostKeyTypes.map((t) => path.join(dir, `ssh_host_${t}_key`));
  const hostKeyPath = hostKeyPaths[0]!;
  const clientKeyType: HostKeyType = hardened ? 'ecdsa' : 'ed25519';
  const clientKeyPath = path.join(dir, `client_${clientKeyType}`);
  for (const [i, file] of hostKeyPaths.entries()) await keygen(file, 'test-host', hostKeyTypes[i]);
  await keygen(clientKeyPath, 'test-client', clientKeyType);
  const authDir = path.join(dir, 'authorized');
  await mkdir(authDir, { mode: 0o755 });
  const clientPublicKey = (await readFile(`${clientKeyPath}.pub`, 'utf8')).trim();
  await writeFile(path.join(authDir, user), `${clientPublicKey}\n`, { mode: 0o644 });
  const configPath = path.join(dir, 'sshd_config');
  const logPath = path.join(dir, 'sshd.log');
  const config = [
    ...(hardened ? [`Include ${HARDENED_SSHD_CONFIG}`] : []),
    `Port ${port}`,
    `ListenAddress ${host}`,
    ...hostKeyPaths.map((file) => `HostKey ${file}`),
    `AuthorizedKeysFile ${authDir}/%u`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'StrictModes no',
    'UsePAM no',
    `PasswordAuthentication ${options.password ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'AllowTcpForwarding yes',
    'PermitTTY yes',
    'MaxSessions 20',
    'MaxStartups 100:30:200',
    'LogLevel VERBOSE',
    `AllowUsers ${user}`,
    'PrintMotd no',
    'PrintLastLog no',
    ...(options.extraConfig ?? []),
  ].join('\n');
  await writeFile(configPath, `${config}\n`);
  await run('/usr/sbin/sshd', ['-t', '-f', configPath]);

  let child: ChildProcess | undefined;
  // Resolves once sshd and every process sharing its stderr are gone (set on each start).
  let childClosed: Promise<unknown> = Promise.resolve();
  const start = async (): Promise<void> => {
    await writeFile(logPath, '', { flag: 'a' });
    const before = (await readFile(logPath, 'utf8')).length;
    child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    const started = child;
    childClosed = new Promise((r) => started.once('close', r));
    running.add(started);
    started.once('exit', () => running.delete(started));
    child.stderr?.on('data', (chunk: Buffer) => {
      // Synchronous, so lines stay in order and no write is left pending once close() removes the folder.
      try {
        appendFileSync(logPath, chunk);
      } catch {
        // the folder is gone: the test already closed this sshd
      }
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      const log = (await readFile(logPath, 'utf8')).slice(before);
      if (log.includes(`Server listening on ${host} port ${port}`)) return;
      if (child.exitCode !== null) throw new Error(`sshd exited: ${log}`);
      if (Date.now() > deadline) throw new Error(`sshd did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const stop = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current) return;
    // 'close', not 'exit': stderr is shared with the per-connection children, and a line they write after
    // the parent exits would recreate sshd.log while close() is removing the folder (ENOTEMPTY).
    const closed = childClosed;
    // A grandchild could keep the pipe open even after SIGKILL; the exit of sshd itself is then enough.
    const gaveUp = () => new Promise((r) => setTimeout(r, 8_000).unref());
    if (current.exitCode !== null || current.signalCode !== null) {
      await Promise.race([closed, gaveUp()]);
      return;
    }
    // Per-connection sshd children outlive their parent; end them too so open sessions really drop.
    const children = await run('pgrep', ['-P', String(current.pid)]).then(
      ({ stdout }) => stdout.split('\n').filter(Boolean).map(Number),
      () => [] as number[],
    );
    const signal = (name: NodeJS.Signals) => {
      for (const pid of children) {
        try {
          process.kill(pid, name);
        } catch {
          // already gone
        }
      }
      current.kill(name);
    };
    signal('SIGTERM');
    const slow = setTimeout(() => signal('SIGKILL'), 5_000);
    await Promise.race([closed, gaveUp()]);
    clearTimeout(slow);
    current.stderr?.removeAllListeners('data');
  };
  await start();
  const hostPublicKey = async () => (await readFile(`${hostKeyPath}.pub`, 'utf8')).trim();
  const hostPublicKeys = await Promise.all(hostKeyPaths.map(async (file) => (await readFile(`${file}.pub`, 'utf8')).trim()));
  const sshd: TestSshd = {
    host,
    port,
    user,
    dir,
    clientKey: await readFile(clientKeyPath, 'utf8'),
    clientPublicKey,
    clientKeyPath,
    hostPublicKey: await hostPublicKey(),
    hostPublicKeys,
    log: () => readFile(logPath, 'utf8'),
    stop,
    start,
    async rotateHostKey() {
      await stop();
      await keygen(hostKeyPath, 'test-host-rotated', hostKeyTypes[0]);
      (sshd as { hostPublicKey: string }).hostPublicKey = await hostPublicKey();
      await start();
    },
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
  return sshd;
}
