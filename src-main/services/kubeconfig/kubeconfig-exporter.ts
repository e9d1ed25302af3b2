import os from 'node:os';
import type { AuditRecorder } from '../audit/audit-record';
import type { ClusterCredentials } from '../ssh/ports';
import type { FileChangePlanner, FileChangePreviewValue } from './file-change';
import { defaultKubeconfigPath } from './kubeconfig-location';
import { maskKubeconfig } from './kubeconfig-mask';
import { mergeKubeconfig, tunnelledEntries } from './kubeconfig-yaml';

/** Port: the local port of a named tunnel (the session manager answers it). */
export interface TunnelPorts {
  localPortOf(tunnelName: string): number;
}

/** What the operator asked for. */
export interface KubeconfigRequest {
  readonly clusterId: string;
  readonly tunnelName: string;
  readonly contextName: string;
  /** Absent: the operator's default kubeconfig. */
  readonly path?: string;
}

/**
 * Writes a named context that reaches a private cluster through one of the console's tunnels:
 * fetches the user kubeconfig from ARM, points it at 127.0.0.1:<tunnel port> with tls-server-name
 * set to the private FQDN, and merges it into the chosen file only after a previewed diff.
 */
export class KubeconfigExporter {
  /** Creates the exporter with its ports; `homeDir` locates ~/.kube/config. */
  constructor(
    private readonly credentials: ClusterCredentials,
    private readonly tunnels: TunnelPorts,
    private readonly files: FileChangePlanner,
    private readonly homeDir: string = os.homedir(),
    private readonly audit?: AuditRecorder,
  ) {}

  /** The default kubeconfig path (first entry of KUBECONFIG when set, else ~/.kube/config). */
  defaultPath(env: NodeJS.ProcessEnv = process.env): string {
    return defaultKubeconfigPath(this.homeDir, env);
  }

  /** Prepares the change and returns the masked diff for the operator. */
  async preview(request: KubeconfigRequest): Promise<FileChangePreviewValue> {
    const localPort = this.tunnels.localPortOf(request.tunnelName);
    const source = await this.credentials.listClusterUserCredential(request.clusterId);
    const entries = tunnelledEntries(source, request.contextName, localPort);
    const target = request.path ?? this.defaultPath();
    return this.files.preview(target, (current) => mergeKubeconfig(current, entries), maskKubeconfig);
  }

  /** Writes a previewed change (with a backup of the previous file). */
  async apply(previewId: string): Promise<{ path: string; backupPath?: string }> {
    const result = await this.files.apply(previewId);
    void this.audit?.record({ type: 'kubeconfig.write', outcome: 'success', target: result.path, details: { backupPath: result.backupPath ?? null } }).catch(() => undefined);
    return result;
  }
}
