import { randomUUID } from 'node:crypto';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ContextRegistry } from '../kubectl-credentials';
import type { PtySpawner } from './pty-port';
import type { SessionManager } from './session-manager';
import type { SessionInfoValue } from './types';
import { type KubeconfigExporter, type KubeconfigRequest, mergeKubeconfig } from '../kubeconfig';

/** Ports of the kubectl terminal. */
export interface KubectlTerminalDeps {
  readonly exporter: Pick<KubeconfigExporter, 'entries' | 'register'>;
  readonly registry: ContextRegistry | undefined;
  readonly manager: Pick<SessionManager, 'openLocalSession'>;
  readonly spawn: PtySpawner;
  /** Owner-only folder that holds one kubeconfig per open kubectl tab. */
  readonly tabsDir: string;
  readonly shell: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/**
 * Opens a kubectl terminal: a local shell whose KUBECONFIG is a file of its own (0600, in a 0700
 * folder) holding just the chosen context through the tunnel — with the console's credential helper
 * for Entra clusters — so `kubectl get pods -A` works at once. The file (and its registration) is
 * removed when the tab's shell ends or the tab closes.
 */
export class KubectlTerminals {
  private readonly clusters = new Map<string, string>();

  /** Creates the opener over its ports. */
  constructor(private readonly deps: KubectlTerminalDeps) {}

  /** The cluster a kubectl terminal tab was opened for (undefined: not an open kubectl tab). */
  clusterOf(sessionId: string): string | undefined {
    return this.clusters.get(sessionId);
  }

  /** Writes the tab's kubeconfig and starts the shell; resolves with the new session. */
  async open(request: Omit<KubeconfigRequest, 'path'>, size: { cols: number; rows: number }): Promise<SessionInfoValue> {
    const { entries, credential, access } = await this.deps.exporter.entries(request);
    await mkdir(this.deps.tabsDir, { recursive: true, mode: 0o700 });
    const dir = path.join(this.deps.tabsDir, randomUUID());
    await mkdir(dir, { mode: 0o700 });
    const file = path.join(dir, 'config');
    let sessionId: string | undefined;
    const cleanup = async () => {
      if (sessionId !== undefined) this.clusters.delete(sessionId);
      await rm(dir, { recursive: true, force: true });
      await this.deps.registry?.unregister(request.contextName, file);
    };
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(mergeKubeconfig(undefined, entries), 'utf8').finally(() => handle.close());
      if (credential === 'console-helper') await this.deps.exporter.register({ ...request, path: file }, access, 'terminal-tab');
      const cluster = entries.cluster.cluster as { server: string };
      const port = Number(new URL(cluster.server).port);
      const info = this.deps.manager.openLocalSession(
        {
          spec: { file: this.deps.shell, args: [], cwd: this.deps.cwd, env: { ...this.deps.env, KUBECONFIG: file } },
          label: `kubectl ${request.contextName}`,
          where: { host: '127.0.0.1', port, username: request.contextName },
          spawn: this.deps.spawn,
          onEnd: cleanup,
        },
        size,
      );
      sessionId = info.sessionId;
      this.clusters.set(sessionId, request.clusterId);
      return info;
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
}
