/**
 * kubectl with the console as its credential provider. Prints, in one run against a loopback HTTPS
 * API server that accepts only the Entra stand-in's AKS-audience token:
 * - each helper's own start-up (finding no console, and getting a token): the Node entry and the native one;
 * - `kubectl get --raw /version` through each helper: cold (the console's first AKS token, fetched from
 *   Entra) and warm (MSAL's cached token), against the same command with a static `--token`.
 * Uses the built helpers (`out/main/kube-credential-helper.js` and `out/main/aks-console-kube-credential`;
 * `npm run bench` builds first).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createConsoleCore } from '../src-main/core';
import { helperUserEntry } from '../src-main/services/kubeconfig/helper-user-entry';
import { DEFAULT_IDS } from '../test/standins/entra/directory';
import { EntraStandIn } from '../test/standins/entra/entra-standin';
import { makeStandInTls } from '../test/standins/entra/standin-tls';
import { createTestBrowser } from '../test/standins/entra/test-browser';
import { startBearerApiServer } from '../test/support/bearer-api-server';
import { testCoreOptions } from '../test/support/core-options';
import { versionedKubectlClients } from '../test/support/kubectl-clients';
import { median, ms, timed } from './lib/timing';
import { MemoryLogger } from '../test/support/memory-logger';
import { MemorySecretStore } from '../test/support/memory-secret-store';

const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const RUNS = 10;
const helperFile = path.resolve('out/main/kube-credential-helper.js');
const nativeFile = path.resolve('out/main/aks-console-kube-credential');
for (const file of [helperFile, nativeFile]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 30_000 }, (error, _stdout, stderr) => resolve({ code: error ? 1 : 0, stderr: String(stderr) }));
  });
}

async function mustSucceed(label: string, file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const result = await run(file, args, env);
  if (result.code !== 0) throw new Error(`${label} failed: ${result.stderr.trim()}`);
}

const work = await mkdtemp(path.join(os.tmpdir(), 'aksc-bench-kubectl-'));
const runtimeDir = path.join(work, 'run');
const tls = makeStandInTls();
const entra = await new EntraStandIn(tls).start();
const browser = createTestBrowser(tls.caPem);
const log = new MemoryLogger();
const helper = { command: process.execPath, args: [helperFile], runtimeDir };
const core = createConsoleCore(
  testCoreOptions(
    { appDataDir: path.join(work, 'app'), log, isTrustedSender: () => true, config: { auth: entra.authConfig({ requestTimeoutMs: 5000 }) } },
    { secretStore: new MemorySecretStore(), openBrowser: browser.open, extraCaPem: tls.caPem, kubectl: { helper, runtimeDir } },
  ),
);
const api = await startBearerApiServer(tls, (token) => {
  const issued = entra.validateAccessToken(token);
  return issued?.scopes.includes(AKS_SCOPE) ? { username: issued.oid } : undefined;
});
try {
  await core.kubectl!.start();
  await core.auth.signIn('interactive');
  await core.kubectl!.registry.register({ clusterId: CLUSTER, contextName: 'bench', tenantId: DEFAULT_IDS.contosoTenant, path: path.join(work, 'kubeconfig'), source: 'kubeconfig', writtenAt: new Date().toISOString() });
  const cluster = { server: api.url, 'certificate-authority-data': Buffer.from(tls.caPem).toString('base64') };
  const kubeconfig = async (name: string, user: Record<string, unknown>) => {
    const file = path.join(work, name);
    await writeFile(file, stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'bench', cluster }], users: [{ name: 'bench', user }], contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }], 'current-context': 'bench' }), { mode: 0o600 });
    return file;
  };
  const native = { command: nativeFile, args: [], runtimeDir };
  const helpers = [['Node helper', helper, await kubeconfig('kubeconfig-node', helperUserEntry(helper, CLUSTER, 'bench'))], ['native helper', native, await kubeconfig('kubeconfig-native', helperUserEntry(native, CLUSTER, 'bench'))]] as const;
  const env = (file: string) => ({ PATH: process.env.PATH, HOME: work, KUBECONFIG: file });
  const version = ['get', '--raw', '/version'];

  const token = (await core.auth.getToken(AKS_SCOPE, { tenantId: DEFAULT_IDS.contosoTenant }))!.token;
  const viaStatic = await kubeconfig('kubeconfig-static', { token });
  // The image's kubectl is gcloud's dispatcher: it asks the server's version (one helper call) before
  // running the matching client (a second call). A single client binary is what operators usually have.
  const single = versionedKubectlClients().find((c) => c.version === '1.31');
  const clients = [['kubectl (dispatcher)', 'kubectl'], ...(single ? [[`kubectl ${single.version} (one client)`, single.file]] : [])];
  const colds: string[] = [];
  for (const [name, , file] of helpers) {
    // Cold: a fresh sign-in holds no AKS token, so the helper's first call waits for Entra.
    await core.auth.signOut();
    await core.auth.signIn('interactive');
    colds.push(`${name} ${ms(await timed(() => mustSucceed(`kubectl via the ${name} (cold)`, 'kubectl', version, env(file))))}`);
  }
  for (const [label, client] of clients) {
    const baseline = await median(RUNS, () => mustSucceed(`${label} with a static token`, client!, version, env(viaStatic)));
    for (const [name, , file] of helpers) {
      const before = (await core.audit.list({ types: ['kubectl.token'] })).records.length;
      const warm = await median(RUNS, () => mustSucceed(`${label} via the ${name} (warm)`, client!, version, env(file)));
      const calls = ((await core.audit.list({ types: ['kubectl.token'] })).records.length - before) / RUNS;
      console.log(`${label}: get --raw /version via the ${name} warm ${ms(warm)} (${calls} helper call(s) per run), static token ${ms(baseline)}; warm / static = ${(warm / baseline).toFixed(2)}x (medians of ${RUNS})`);
    }
  }
  console.log(`cold (the console's first AKS token after a fresh sign-in, fetched from Entra, through the dispatcher): ${colds.join('; ')}`);

  const helperArgs = ['--kube-credential', '--cluster', CLUSTER, '--context', 'bench'];
  const absent = path.join(work, 'absent');
  await mkdir(absent, { mode: 0o700 });
  const nodeAlone = await median(RUNS, () => run(process.execPath, ['-e', ''], {}));
  for (const [name, command] of helpers) {
    const argv = [...command.args, ...helperArgs];
    const tokenRun = await median(RUNS, () => mustSucceed(`the ${name} alone`, command.command, [...argv, '--runtime-dir', runtimeDir], {}));
    const notRunning = await median(RUNS, () => run(command.command, [...argv, '--runtime-dir', absent], {}));
    console.log(`${name} start-up: console not running ${ms(notRunning)}; returning a cached token ${ms(tokenRun)} (medians of ${RUNS}; bare node ${ms(nodeAlone)})`);
  }
} finally {
  await api.close();
  await core.dispose();
  await entra.stop();
  await rm(work, { recursive: true, force: true });
}
