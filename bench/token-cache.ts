/**
 * Token cache in the real OS keychain (gnome-keyring through libsecret): what one cache access
 * costs. Baseline, measured in the same run: reading every chunk of a 12 KB cache each time.
 * Ours: the manifest-only read when the generation is unchanged (what every silent token lookup
 * does), plus a full chunked write. Also a silent ARM token from the AuthService, end to end.
 * Re-executes itself inside a private D-Bus session with an unlocked keyring when none is set.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.AKS_TEST_KEYRING !== '1') {
  const home = mkdtempSync(path.join(os.tmpdir(), 'aksc-bench-keyring-'));
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', 'echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"', 'sh', process.execPath, '--import', 'tsx', self],
    { stdio: 'inherit', env: { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'data'), AKS_TEST_KEYRING: '1' } },
  );
  rmSync(home, { recursive: true, force: true });
  process.exit(run.status ?? 1);
}

const { ChunkedBlob } = await import('../src-main/services/secrets/chunked-blob');
const { KeytarSecretStore } = await import('../src-main/services/secrets/keytar-secret-store');
const { AuthConfig } = await import('../src-main/services/auth/auth-config');
const { createAuthService } = await import('../src-main/services/auth/create-auth-service');
const { azureClientOptions, NetStack } = await import('../src-main/services/net');
const { MemoryLogger } = await import('../test/support/memory-logger');
const { EntraStandIn } = await import('../test/standins/entra/entra-standin');
const { makeStandInTls } = await import('../test/standins/entra/standin-tls');
const { createTestBrowser } = await import('../test/standins/entra/test-browser');

async function timeEach(label: string, iterations: number, op: () => Promise<unknown>): Promise<number> {
  await op();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await op();
  const ms = Number(process.hrtime.bigint() - started) / 1e6 / iterations;
  console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms/op  (n=${iterations})`);
  return ms;
}

const service = `aksc-bench-${randomUUID()}`;
const store = new KeytarSecretStore(service);
const blob = new ChunkedBlob(store, 'msal-cache');
const value = JSON.stringify({ filler: randomBytes(9000).toString('base64') });
const generation = await blob.write(value);
console.log(`cache size ${Buffer.byteLength(value)} bytes in ${(await store.list()).length} keychain items`);

const full = await timeEach('baseline: read and verify every chunk', 40, () => blob.read());
const manifest = await timeEach('ours: manifest-only read (generation unchanged)', 40, () => blob.read(generation));
const write = await timeEach('chunked write (new generation, stale chunks deleted)', 15, () => blob.write(value));
console.log(`manifest-only read is ${(full / manifest).toFixed(1)}x faster than the full read; a write costs ${(write / full).toFixed(1)}x a full read`);
await blob.clear();

const tls = makeStandInTls();
const entra = await new EntraStandIn(tls).start();
entra.faults.accessTokenChars = 2500;
const log = new MemoryLogger();
const net = NetStack.create({ env: {}, extraCaPem: tls.caPem }, log);
const appDataDir = mkdtempSync(path.join(os.tmpdir(), 'aksc-bench-app-'));
const auth = createAuthService({
  config: AuthConfig.parse({ ...entra.authConfig(), keychainService: service }),
  appDataDir,
  log,
  secretStore: store,
  http: net,
  armClientOptions: azureClientOptions(net),
  openBrowser: createTestBrowser(tls.caPem).open,
  language: async () => 'en',
});
await auth.signIn('interactive');
const silent = await timeEach('AuthService.getToken (silent, cache hit, keychain-backed)', 40, () => auth.getToken('https://management.azure.com/.default'));
console.log(`silent token from the keychain-backed cache: ${silent.toFixed(2)} ms (${(silent / manifest).toFixed(1)}x one manifest read)`);
await auth.signOut();
await auth.dispose();
net.dispose();
await entra.stop();
rmSync(appDataDir, { recursive: true, force: true });
