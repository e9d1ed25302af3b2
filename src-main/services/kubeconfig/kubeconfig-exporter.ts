import type { AuditRecorder } from '../audit/audit-record';
import type { ClusterCredentials } from '../ssh/ports';
import type { FileChangePlanner, FileChangePreviewValue } from './file-change';
import type { FileTargetChoice, FileTargets } from '../files/file-targets';
import { assertSafeValue } from '../files/safe-path';
import { maskKubeconfig } from './kubeconfig-mask';
import { mergeKubeconfig, tunnelledEntries, type ContextEntries } from './kubeconfig-yaml';

/**
 * Every string the console adds to a kubeconfig (names from the request, values read from ARM) is
 * checked like any value bound for a file: ARM is not trusted to keep line breaks or quotes out.
 */
function assertSafeEntries(entries: ContextEntries): ContextEntries {
  const visit = (value: unknown, where: string): void => {
    if (typeof value === 'string') assertSafeValue(`kubeconfig value ${where}`, value);
    else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, where ? `${where}.${k}` : k);
  };
  visit({ cluster: entries.cluster, user: entries.user, context: entries.context }, '');
  return entries;
}

/** Port: the local port of a named tunnel (the session manager answers it). */
export interface TunnelPorts {
  localPortOf(tunnelName: string): number;
}

/** What the operator asked for. */
export interface KubeconfigRequest {
  readonly clusterId: string;
  readonly tunnelName: string;
  readonly contextName: string;
  /** The default kubeconfig (absent too), or a file the operator picks in main's dialog; never a path from the renderer. */
  readonly target?: FileTargetChoice;
}

/**
 * Writes a named context that reaches a private cluster through one of the console's tunnels:
 * fetches the user kubeconfig from ARM, points it at 127.0.0.1:<tunnel port> with tls-server-name
 * set to the private FQDN, and merges it into the chosen file only after a previewed diff.
 */
export class KubeconfigExporter {
  /** Creates the exporter with its ports; `targets` says which file a choice means. */
  constructor(
    private readonly credentials: ClusterCredentials,
    private readonly tunnels: TunnelPorts,
    private readonly files: FileChangePlanner,
    private readonly targets: FileTargets,
    private readonly audit?: AuditRecorder,
  ) {}

  /** Prepares the change and returns the masked diff for the operator. */
  async preview(request: KubeconfigRequest): Promise<FileChangePreviewValue> {
    const localPort = this.tunnels.localPortOf(request.tunnelName);
    const source = await this.credentials.listClusterUserCredential(request.clusterId);
    const entries = assertSafeEntries(tunnelledEntries(source, request.contextName, localPort));
    const target = await this.targets.forWriting('kubeconfig', request.target);
    return this.files.preview(target, (current) => mergeKubeconfig(current, entries), maskKubeconfig);
  }

  /** Writes a previewed change (with a backup of the previous file). */
  async apply(previewId: string): Promise<{ path: string; backupPath?: string }> {
    const result = await this.files.apply(previewId);
    void this.audit?.record({ type: 'kubeconfig.write', outcome: 'success', target: result.path, details: { backupPath: result.backupPath ?? null } }).catch(() => undefined);
    return result;
  }
}
