import type { AuditRecorder } from '../audit';
import { type FileTargetChoice, type FileTargets, assertSafeValue, applyAudited, type FileChangePlanner, type FileChangePreviewValue } from '../files';
import type { ClusterCredentials } from '../ssh';
import type { ContextRegistry } from '../kubectl-credentials';
import type { ClusterAccess, ClusterAccessReader } from './cluster-access';
import { helperUserEntry, type HelperCommand } from './helper-user-entry';
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

/** Which credential the written context uses (shown beside the diff). */
export type ContextCredential = 'console-helper' | 'kubelogin' | 'local-accounts' | 'as-returned';

/** A previewed kubeconfig change and the credential its context will use. */
export type KubeconfigPreview = FileChangePreviewValue & { readonly credential: ContextCredential };

/** How Entra contexts get their token: the console's helper (default) or ARM's kubelogin entry (policy). */
export interface ExecCredentialOptions {
  readonly access: ClusterAccessReader;
  readonly helper: HelperCommand;
  /** Read on every preview, so a policy change applies to the next write. */
  readonly provider: () => 'console' | 'kubelogin';
  readonly registry: ContextRegistry;
}

/** The credential a context gets, from the cluster's authentication and the policy's provider. */
export function credentialFor(access: ClusterAccess | undefined, provider: 'console' | 'kubelogin'): ContextCredential {
  if (!access || access.kind === 'legacy-entra') return 'as-returned';
  if (access.kind === 'local-accounts') return 'local-accounts';
  return provider === 'kubelogin' ? 'kubelogin' : 'console-helper';
}

/**
 * Writes a named context that reaches a private cluster through one of the console's tunnels:
 * fetches the user kubeconfig from ARM, points it at 127.0.0.1:<tunnel port> with tls-server-name
 * set to the private FQDN, and merges it into the chosen file only after a previewed diff. For a
 * managed-Entra cluster the user entry calls the console's credential helper (unless policy keeps
 * kubelogin), and the context is registered so the helper's tokens are issued for it alone.
 */
export class KubeconfigExporter {
  /** Creates the exporter with its ports; `targets` says which file a choice means. */
  constructor(
    private readonly credentials: ClusterCredentials,
    private readonly tunnels: TunnelPorts,
    private readonly files: FileChangePlanner,
    private readonly targets: FileTargets,
    private readonly audit?: AuditRecorder,
    private readonly exec?: ExecCredentialOptions,
  ) {}

  /** The context's entries as they will be written, and the credential they use (also for a terminal tab's own file). */
  async entries(request: KubeconfigRequest): Promise<{ entries: ContextEntries; credential: ContextCredential; access: ClusterAccess | undefined }> {
    const localPort = this.tunnels.localPortOf(request.tunnelName);
    const [source, access] = await Promise.all([this.credentials.listClusterUserCredential(request.clusterId), this.exec?.access.clusterAccess(request.clusterId).catch(() => undefined)]);
    const entries = assertSafeEntries(tunnelledEntries(source, request.contextName, localPort));
    const credential = credentialFor(access, this.exec?.provider() ?? 'console');
    if (credential !== 'console-helper' || !this.exec) return { entries, credential, access };
    const user = { name: request.contextName, user: helperUserEntry(this.exec.helper, request.clusterId, request.contextName) };
    return { entries: assertSafeEntries({ ...entries, user }), credential, access };
  }

  /** Registers a helper context, so the broker issues tokens for it. */
  async register(request: KubeconfigRequest & { path: string }, access: ClusterAccess | undefined, source: 'kubeconfig' | 'terminal-tab'): Promise<void> {
    if (!this.exec || access?.kind !== 'entra') return;
    await this.exec.registry.register({ clusterId: request.clusterId, contextName: request.contextName, tenantId: access.tenantId, path: request.path, source, writtenAt: new Date().toISOString() });
  }

  /** Prepares the change and returns the masked diff for the operator. */
  async preview(request: KubeconfigRequest): Promise<KubeconfigPreview> {
    const { entries, credential, access } = await this.entries(request);
    const target = await this.targets.forWriting('kubeconfig', request.target);
    const registerAfterWrite = credential === 'console-helper' ? () => this.register({ ...request, path: target }, access, 'kubeconfig') : undefined;
    const preview = await this.files.preview(target, (current) => mergeKubeconfig(current, entries), maskKubeconfig, registerAfterWrite);
    return { ...preview, credential };
  }

  /** Writes a previewed change (with a backup of the previous file). */
  async apply(previewId: string): Promise<{ path: string; backupPath?: string }> {
    return applyAudited(this.files, previewId, this.audit, 'kubeconfig.write');
  }
}
