import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * A corporate proxy lab made of real parts, started and torn down by the tests themselves: an MIT
 * KDC (`krb5kdc`, own database, realm and ports) and Debian's squid with its own helpers:
 * `negotiate_kerberos_auth` (the proxy's keytab from that KDC), `ntlm_fake_auth` (squid's NTLM test
 * helper: a real NTLM handshake, but it accepts any password) and `basic_ncsa_auth` (an htpasswd file).
 * Everything lives in one temporary folder on loopback ports; nothing of the machine's is touched.
 */
export interface AuthProxyLab {
  readonly realm: string;
  /** The operator's principal and the password `kinit` uses. */
  readonly operator: { readonly principal: string; readonly password: string };
  /** The Basic user in squid's htpasswd file. */
  readonly basicUser: { readonly username: string; readonly password: string };
  /** `KRB5_CONFIG` and `KRB5CCNAME` for a client of this realm. */
  readonly clientEnv: { readonly KRB5_CONFIG: string; readonly KRB5CCNAME: string };
  /** Gets the operator a ticket (real `kinit` against the lab's KDC). */
  kinit(): void;
  /** Throws the ticket away (`kdestroy`). */
  kdestroy(): void;
  /** Gives the proxy's principal a new key in the KDC only: tickets for it no longer match squid's keytab. */
  rotateProxyKeyInKdc(): void;
  /** Gives the proxy's principal a new key in the KDC and in squid's keytab alike (undoes the above). */
  resyncProxyKeytab(): void;
  /** Starts a squid asking for exactly these schemes (in this order); resolves to its proxy URL. */
  startSquid(schemes: ReadonlyArray<'negotiate' | 'ntlm' | 'basic'>): Promise<string>;
  /** The users squid's access log recorded for CONNECTs through the proxy at `proxyUrl` ('-' = none). */
  accessLog(proxyUrl: string): string[];
  /** Every CONNECT squid logged through the proxy at `proxyUrl`: the target host:port, the HTTP status and the user ('-' = none). */
  connects(proxyUrl: string): Array<{ target: string; status: string; user: string }>;
  /** Waits until squid has logged a CONNECT by `user` (squid logs a tunnel when it closes); the users logged. */
  waitForUser(proxyUrl: string, user: string): Promise<string[]>;
  /** Stops every process of the lab and removes its folder. */
  close(): void;
}

const SQUID_HELPERS = '/usr/lib/squid';
const REALM = 'AKSC.TEST';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port: number, child: ChildProcess, what: string, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`${what} exited (${child.exitCode ?? child.signalCode}): ${tail(log)}`));
        return;
      }
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`${what} did not listen on ${port}: ${tail(log)}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const result = spawnSync(command, args, { env, input, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.error?.message}): ${result.stderr}${result.stdout}`);
}

function uidOf(user: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no ${user} user: install Debian's squid (scripts/setup-system.sh)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Brings up the KDC (with the operator and the proxy's principal); squids start on demand. */
export async function startAuthProxyLab(): Promise<AuthProxyLab> {
  if (process.getuid?.() !== 0) throw new Error('the proxy lab runs squid and krb5kdc as root (they drop to their own users)');
  // Under /tmp itself: squid runs as the `proxy` user and must reach its folder through every parent.
  const dir = mkdtempSync('/tmp/aksc-proxy-lab-');
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const squidPorts = new Map<string, string>();
  const stopAll = (): void => {
    for (const child of children.splice(0)) {
      if (child.pid && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
  };
  const onExit = (): void => {
    stopAll();
    if (!process.env.AKSC_KEEP_PROXY_LAB) rmSync(dir, { recursive: true, force: true });
  };
  // On a signal too: stop the daemons and remove the folder, then die of the same signal.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals): void => {
    detach();
    onExit();
    process.kill(process.pid, signal);
  };
  const detach = (): void => {
    process.off('exit', onExit);
    for (const signal of signals) process.off(signal, onSignal);
  };
  process.once('exit', onExit);
  for (const signal of signals) process.once(signal, onSignal);
  try {
    const kdcPort = await freePort();
    const krb5Conf = path.join(dir, 'krb5.conf');
    const kdcConf = path.join(dir, 'kdc.conf');
    writeFileSync(
      krb5Conf,
      [
        '[libdefaults]',
        `  default_realm = ${REALM}`,
        '  dns_lookup_kdc = false',
        '  dns_lookup_realm = false',
        '  dns_canonicalize_hostname = false',
        '  rdns = false',
        '[realms]',
        `  ${REALM} = {`,
        `    kdc = 127.0.0.1:${kdcPort}`,
        '  }',
        '[domain_realm]',
        `  localhost = ${REALM}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      kdcConf,
      [
        '[kdcdefaults]',
        `  kdc_ports = ${kdcPort}`,
        `  kdc_tcp_ports = ${kdcPort}`,
        '[realms]',
        `  ${REALM} = {`,
        `    database_name = ${dir}/principal`,
        `    key_stash_file = ${dir}/stash`,
        `    acl_file = ${dir}/kadm5.acl`,
        '    max_life = 1h',
        '  }',
        '[logging]',
        `  kdc = FILE:${dir}/kdc.log`,
        '',
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'kadm5.acl'), '');
    chmodSync(krb5Conf, 0o644);
    const kdcEnv = { ...process.env, KRB5_CONFIG: krb5Conf, KRB5_KDC_PROFILE: kdcConf, KRB5RCACHEDIR: dir };
    run('kdb5_util', ['create', '-s', '-r', REALM, '-P', randomBytes(16).toString('hex')], kdcEnv);
    const operator = { principal: `operator@${REALM}`, password: randomBytes(12).toString('base64url') };
    const spn = `HTTP/localhost@${REALM}`;
    const keytab = path.join(dir, 'proxy.keytab');
    run('kadmin.local', ['-r', REALM, '-q', `addprinc -pw ${operator.password} ${operator.principal}`], kdcEnv);
    run('kadmin.local', ['-r', REALM, '-q', `addprinc -randkey ${spn}`], kdcEnv);
    run('kadmin.local', ['-r', REALM, '-q', `ktadd -k ${keytab} ${spn}`], kdcEnv);
    const proxyUser = uidOf('proxy');
    chownSync(keytab, proxyUser.uid, proxyUser.gid);
    // The Kerberos helper runs as `proxy` and keeps its replay cache here.
    const rcache = path.join(dir, 'rcache');
    mkdirSync(rcache, { mode: 0o700 });
    chownSync(rcache, proxyUser.uid, proxyUser.gid);
    chmodSync(keytab, 0o600);
    const kdcLog = path.join(dir, 'kdc.log');
    const kdc = spawn('krb5kdc', ['-n', '-P', path.join(dir, 'kdc.pid')], { env: kdcEnv, detached: true, stdio: 'ignore' });
    children.push(kdc);
    await waitForPort(kdcPort, kdc, 'krb5kdc', kdcLog);

    const basicUser = { username: 'proxy-user', password: randomBytes(12).toString('base64url') };
    const hash = spawnSync('openssl', ['passwd', '-1', '-stdin'], { input: basicUser.password, encoding: 'utf8' }).stdout.trim();
    if (!hash.startsWith('$1$')) throw new Error('openssl passwd did not produce an MD5-crypt hash');
    const htpasswd = path.join(dir, 'htpasswd');
    writeFileSync(htpasswd, `${basicUser.username}:${hash}\n`);
    chmodSync(htpasswd, 0o644);
    const ccache = path.join(dir, 'operator.ccache');
    const clientEnv = { KRB5_CONFIG: krb5Conf, KRB5CCNAME: `FILE:${ccache}` };

    // squid's native format: time elapsed client code/status bytes method URL user hierarchy type.
    const connects = (proxyUrl: string): Array<{ target: string; status: string; user: string }> => {
      const file = squidPorts.get(proxyUrl);
      if (!file) throw new Error(`no squid at ${proxyUrl}`);
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.includes(' CONNECT '))
        .map((l) => l.trim().split(/\s+/))
        .map((f) => ({ target: f[6] ?? '?', status: (f[3] ?? '?').split('/')[1] ?? '?', user: (f[7] ?? '?').replace(/\\\\/g, '\\') }));
    };
    const accessLog = (proxyUrl: string): string[] => connects(proxyUrl).map((c) => c.user);

    return {
      realm: REALM,
      operator,
      basicUser,
      clientEnv,
      kinit() {
        run('kinit', [operator.principal], { ...process.env, ...clientEnv }, `${operator.password}\n`);
      },
      rotateProxyKeyInKdc() {
        run('kadmin.local', ['-r', REALM, '-q', `cpw -randkey ${spn}`], kdcEnv);
      },
      resyncProxyKeytab() {
        run('kadmin.local', ['-r', REALM, '-q', `ktadd -k ${keytab} ${spn}`], kdcEnv);
        chownSync(keytab, proxyUser.uid, proxyUser.gid);
      },
      kdestroy() {
        spawnSync('kdestroy', [], { env: { ...process.env, ...clientEnv } });
        rmSync(ccache, { force: true });
      },
      async startSquid(schemes) {
        const port = await freePort();
        const base = path.join(dir, `squid-${port}`);
        const helpers: Record<string, string[]> = {
          negotiate: [`auth_param negotiate program ${SQUID_HELPERS}/negotiate_kerberos_auth -k ${keytab} -s ${spn}`, 'auth_param negotiate children 3', 'auth_param negotiate keep_alive on'],
          ntlm: [`auth_param ntlm program ${SQUID_HELPERS}/ntlm_fake_auth`, 'auth_param ntlm children 3', 'auth_param ntlm keep_alive on'],
          basic: [`auth_param basic program ${SQUID_HELPERS}/basic_ncsa_auth ${htpasswd}`, 'auth_param basic children 3', 'auth_param basic realm aksc-test'],
        };
        const conf = [
          `http_port 127.0.0.1:${port}`,
          `pid_filename ${base}.pid`,
          `cache_log ${base}-cache.log`,
          `access_log stdio:${base}-access.log squid`,
          `coredump_dir ${dir}`,
          'cache deny all',
          'cache_mem 8 MB',
          'pinger_enable off',
          'shutdown_lifetime 0 seconds',
          'visible_hostname localhost',
          'netdb_filename none',
          ...schemes.flatMap((s) => helpers[s]!),
          'acl authed proxy_auth REQUIRED',
          'http_access allow authed',
          'http_access deny all',
          '',
        ].join('\n');
        writeFileSync(`${base}.conf`, conf);
        for (const file of [`${base}-cache.log`, `${base}-access.log`]) {
          writeFileSync(file, '');
          chownSync(file, proxyUser.uid, proxyUser.gid);
        }
        const env = { ...process.env, KRB5_CONFIG: krb5Conf, KRB5_KTNAME: keytab, KRB5RCACHEDIR: rcache };
        const squid = spawn('squid', ['-N', '-f', `${base}.conf`], { env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        squid.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
        children.push(squid);
        try {
          await waitForPort(port, squid, 'squid', `${base}-cache.log`);
        } catch (error) {
          throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
        }
        const url = `http://localhost:${port}`;
        squidPorts.set(url, `${base}-access.log`);
        return url;
      },
      accessLog,
      connects,
      async waitForUser(proxyUrl, user) {
        const deadline = Date.now() + 15_000;
        for (;;) {
          const users = accessLog(proxyUrl);
          if (users.some((u) => u.toLowerCase() === user.toLowerCase()) || Date.now() > deadline) return users;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      close() {
        detach();
        onExit();
      },
    };
  } catch (error) {
    detach();
    onExit();
    throw error;
  }
}
