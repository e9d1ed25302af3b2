/**
 * The machine's kubectl clients. `kubectl` on PATH is a dispatcher that picks a versioned client
 * (`kubectl.1.27` … `kubectl.1.33`, beside it) by the server's version; running a versioned binary
 * directly forces that client, which is how tests pin the oldest and the newest.
 */
import { realpathSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      return realpathSync(path.join(dir, name));
    } catch {
      // not in this directory
    }
  }
  throw new Error(`${name} is not on PATH`);
}

/** The dispatcher and the oldest and newest versioned clients beside it. */
export function kubectlClients(): { dispatcher: string; oldest: { version: string; file: string }; newest: { version: string; file: string } } {
  const dispatcher = onPath('kubectl');
  const dir = path.dirname(dispatcher);
  const versions = readdirSync(dir)
    .map((f) => /^kubectl\.(\d+)\.(\d+)$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
  if (versions.length === 0) throw new Error(`no versioned kubectl beside ${dispatcher}`);
  const pick = (m: RegExpExecArray) => ({ version: `${m[1]}.${m[2]}`, file: path.join(dir, m[0]) });
  return { dispatcher, oldest: pick(versions[0]!), newest: pick(versions.at(-1)!) };
}

/** A temp folder with a kubeconfig that sends `token` (none when empty) to `server`, trusting `ca`; `dispose` removes it. */
export async function tokenKubeconfig(server: string, ca: string, token: string): Promise<{ file: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-'));
  const file = path.join(dir, 'config');
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: standin',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${Buffer.from(ca).toString('base64')}`,
    'contexts:',
    '- name: standin',
    '  context: {cluster: standin, user: operator, namespace: default}',
    'current-context: standin',
    'users:',
    '- name: operator',
    token ? `  user: {token: ${token}}` : '  user: {}',
    '',
  ].join('\n');
  await writeFile(file, yaml, { mode: 0o600 });
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}
