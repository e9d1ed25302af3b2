/**
 * The AKS command pod run for real against the API server stand-in: `kubectl …` commands run the
 * machine's kubectl with a kubeconfig that carries the request's `clusterToken` on managed-Entra
 * clusters (so the command runs as the operator, under their RBAC, and a missing or wrong-audience
 * token is refused by the API server) and the local admin token elsewhere, as AKS's command pod
 * does. Other commands stay simulated (`simulateCommand`).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiServerStandIn, ClusterAccess } from '../apiserver';
import { simulateCommand, splitWords, type CommandFiles, type CommandOutput } from './aks-command-pod';

type Json = Record<string, unknown>;

function kubeconfig(server: string, ca: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    `clusters: [{name: aks, cluster: {server: '${server}', certificate-authority-data: ${Buffer.from(ca).toString('base64')}}}]`,
    'contexts: [{name: aks, context: {cluster: aks, user: command-pod, namespace: default}}]',
    'current-context: aks',
    token ? `users: [{name: command-pod, user: {token: ${token}}}]` : 'users: [{name: command-pod, user: {}}]',
    '',
  ].join('\n');
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<CommandOutput> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
      resolve({ exitCode: code, logs: `${stdout}${stderr}` });
    });
  });
}

/** A `commandOutput` for the ARM stand-in that runs kubectl commands against `api` as the command pod would. */
export function commandPodOn(api: ApiServerStandIn, access: ClusterAccess): (command: string, cluster: Json, files: CommandFiles, clusterToken: string) => Promise<CommandOutput> {
  return async (command, cluster, files, clusterToken) => {
    const [tool, ...args] = splitWords(command);
    if (tool !== 'kubectl' || args[0] === 'apply') return simulateCommand(command, files);
    const aad = (cluster.properties as Json).aadProfile as { managed?: boolean } | undefined;
    const token = aad?.managed ? clusterToken : access.localAccountToken;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'command-pod-'));
    try {
      const file = path.join(dir, 'config');
      await writeFile(file, kubeconfig(api.url, api.ca, token), { mode: 0o600 });
      return await run(args, { PATH: process.env.PATH ?? '', HOME: dir, KUBECONFIG: file });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
