/**
 * Issue 13 item 1 as a property: every contract string that can reach a file the console writes
 * (ssh_config entry, its known_hosts companion, kubeconfig), fuzzed with quotes, line breaks of every
 * kind, NUL, `%`, `${`, backslashes, spaces and very long values, is either refused with a clear
 * error (nothing written), or the written file parses back — with the real `ssh -G`, and a YAML
 * parser for kubeconfig — to exactly the intended entry and no second directive or line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokes } from '../../src-main/ipc/contract';
import { registerSshHandlers } from '../../src-main/ipc/handlers/ssh-handlers';
import { IpcRouter, type SenderInfo } from '../../src-main/ipc/router';
import { createConnectivity, type Connectivity } from '../../src-main/services/sessions/connectivity';
import { openSshHostToken } from '../../src-main/services/ssh/host-id';
import { ed25519Key } from '../unit/main/services/ssh/test-keys';
import { sshG } from '../support/ssh-g';
import { MemoryLogger } from '../support/memory-logger';
import { MemorySecretStore } from '../support/memory-secret-store';

const sender: SenderInfo = { url: 'app://console/index.html', isMainFrame: true, senderId: 'fuzz' };
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1';
const ARM_KUBECONFIG = `apiVersion: v1\nkind: Config\nclusters:\n- name: aks1\n  cluster:\n    server: https://aks1-x.privatelink.japaneast.azmk8s.io:443\ncontexts:\n- name: aks1\n  context: {cluster: aks1, user: u}\ncurrent-context: aks1\nusers:\n- name: u\n  user:\n    token: T\n`;
const REFUSALS = new Set(['ipc.invalid_payload', 'files.unsafe_value', 'files.unsafe_path']);

/** What must be refused: quotes, every kind of line break, NUL and other controls, an injected directive. */
const UNSAFE = ['"', '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u0000', '\u007f', '\t', '\\"', '"\nMatch exec "id'];
/** What may be written but has broken config writers: spaces, tokens, escapes, comments, non-ASCII. */
const TRICKY = [' ', '  ', '%', '%d', '%%', '${HOME}', '$', '\\', '#', '=', "'", '*', '!', 'é', '漢', '~'];
const piece = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...UNSAFE) },
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,8}$/) },
);
const hostile = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 4000, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,3}$/).map((s) => s.repeat(400)) },
);
const hostilePath = fc.oneof(hostile.map((s) => `/${s}`), hostile.map((s) => `C:\\${s}`), hostile);

/** One trusted key for every fuzzed host, so the companion known_hosts file holds exactly one line. */
const HOST_KEY = ed25519Key();

const counts = { sshRefused: 0, sshWritten: 0, trickyPathsWritten: 0, kubeRefused: 0, kubeWritten: 0 };

describe('file writers under fuzzed contract strings: refused, or exactly the intended entries', () => {
  let dir: string;
  let connectivity: Connectivity;
  let router: IpcRouter;
  const call = (channel: string, payload: unknown) => router.dispatch(channel, payload, sender);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-writer-fuzz-'));
    router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    connectivity = createConnectivity({
      appDataDir: path.join(dir, 'app data'),
      homeDir: dir,
      secrets: new MemorySecretStore(),
      log: new MemoryLogger(),
      azure: { readVmHostKeys: async () => [], listClusterUserCredential: async () => ARM_KUBECONFIG },
    });
    registerSshHandlers(router, connectivity);
    await connectivity.manager.openTunnel('prod', { kind: 'ssh', target: { route: { kind: 'direct', host: '127.0.0.1', port: 1 }, username: 'u', auth: { method: 'agent' } }, remoteHost: 'aks1-x.privatelink.japaneast.azmk8s.io', remotePort: 443 });
  });
  afterAll(async () => {
    console.log(`reliability: file-writer fuzz: ssh_config ${counts.sshWritten} written (${counts.trickyPathsWritten} with spaces, %, \\, #, ' or $ in the path) / ${counts.sshRefused} refused; kubeconfig ${counts.kubeWritten} written / ${counts.kubeRefused} refused`);
    await connectivity?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('ssh_config export: hostAlias, host, username, identityFile', async () => {
    const configPath = path.join(dir, '.ssh', 'config');
    const known = path.join(dir, 'app data', 'vscode_known_hosts');
    const field = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile });
    await fc.assert(
      fc.asyncProperty(field, field, field, fc.option(hostilePath, { nil: undefined }), async (alias, host, user, identityFile) => {
        await rm(configPath, { force: true });
        await rm(known, { force: true });
        const request = { hostAlias: alias ?? 'jump1', host: host ?? '10.0.0.4', port: 22, username: user ?? 'azureuser', ...(identityFile === undefined ? {} : { identityFile }) };
        if (invokes['sshconfig.preview'].req.safeParse(request).success) {
          await connectivity.knownHosts.add(openSshHostToken(request.host, 22), 'ssh-ed25519', HOST_KEY.blob, 'operator');
        }
        const preview = await call('sshconfig.preview', request);
        if (!preview.ok) {
          counts.sshRefused++;
          expect(REFUSALS.has(preview.error.code), `${preview.error.code}: ${preview.error.message}`).toBe(true);
          expect(preview.error.message.length).toBeGreaterThan(10);
          await expect(readFile(configPath)).rejects.toMatchObject({ code: 'ENOENT' });
          return;
        }
        counts.sshWritten++;
        expect(await call('sshconfig.apply', { previewId: (preview.data as { previewId: string }).previewId })).toMatchObject({ ok: true });
        const text = await readFile(configPath, 'utf8');
        const directives = text.split('\n').filter((l) => l.trim() !== '');
        expect(directives.filter((l) => /^\s*(host|match|include)\b/i.test(l))).toEqual([`Host ${request.hostAlias}`]);
        expect(directives).toHaveLength(identityFile === undefined ? 8 : 10);
        const read = sshG(configPath, request.hostAlias);
        expect(read.get('hostname')).toEqual([request.host.toLowerCase()]);
        expect(read.get('user')).toEqual([request.username]);
        // OpenSSH lowercases the alias it looks up (known_hosts matching ignores case).
        expect(read.get('hostkeyalias')).toEqual([request.hostAlias.toLowerCase()]);
        expect(read.get('userknownhostsfile')).toEqual([connectivity.sshConfig.knownHostsPath]);
        // `ssh -G` prints IdentityFile before %-expansion: %% there is one literal %.
        if (identityFile !== undefined) expect(read.get('identityfile')?.map((v) => v.replace(/%%/g, '%'))).toEqual([identityFile]);
        if (identityFile !== undefined && /[ %\\#'$=]/.test(identityFile)) counts.trickyPathsWritten++;
        const knownLines = (await readFile(known, 'utf8')).split('\n').filter((l) => l !== '');
        expect(knownLines).toHaveLength(1);
        expect(knownLines[0]!.split(' ')).toEqual([request.hostAlias, 'ssh-ed25519', expect.stringMatching(/^[A-Za-z0-9+/]+=*$/)]);
      }),
      { numRuns: 200, seed: 0x13f11e },
    );
    expect(counts.sshWritten).toBeGreaterThan(5);
    expect(counts.trickyPathsWritten).toBeGreaterThan(5);
    expect(counts.sshRefused).toBeGreaterThan(5);
  });

  it('kubeconfig export: contextName', async () => {
    const kubeconfig = path.join(dir, '.kube', 'config');
    await fc.assert(
      fc.asyncProperty(hostile, async (contextName) => {
        await rm(kubeconfig, { force: true });
        const preview = await call('kubeconfig.preview', { clusterId: CLUSTER, tunnelName: 'prod', contextName });
        if (!preview.ok) {
          counts.kubeRefused++;
          expect(REFUSALS.has(preview.error.code), `${preview.error.code}: ${preview.error.message}`).toBe(true);
          await expect(readFile(kubeconfig)).rejects.toMatchObject({ code: 'ENOENT' });
          return;
        }
        counts.kubeWritten++;
        expect(await call('kubeconfig.apply', { previewId: (preview.data as { previewId: string }).previewId })).toMatchObject({ ok: true });
        const doc = parse(await readFile(kubeconfig, 'utf8')) as { contexts: Array<{ name: string; context: { cluster: string; user: string } }>; clusters: Array<{ name: string }>; users: Array<{ name: string }>; 'current-context': string };
        expect(doc.contexts).toEqual([{ name: contextName, context: { cluster: contextName, user: contextName } }]);
        expect(doc.clusters.map((c) => c.name)).toEqual([contextName]);
        expect(doc.users.map((u) => u.name)).toEqual([contextName]);
        expect(doc['current-context']).toBe(contextName);
      }),
      { numRuns: 150, seed: 0x13f11f },
    );
    expect(counts.kubeRefused).toBeGreaterThan(5);
  });
});
