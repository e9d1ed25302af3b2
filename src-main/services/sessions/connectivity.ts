import os from 'node:os';
import type { AuditRecorder } from '../audit';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import { FileTargets, FileChangePlanner } from '../files';
import { KubeconfigExporter, type ExecCredentialOptions } from '../kubeconfig';
import { KubectlTerminals } from './kubectl-terminals';
import path from 'node:path';
import { defaultShell, nodePtySpawner, type PtySpawner } from './pty-port';
import { defaultAgentSocket, AzureHostKeySeeder, HostKeyPrompts, HostKeyTrust, HostKeyVerifier, KnownHostsStore, type BastionTunnels, type ClusterCredentials, type SshClientHost, type VmHostKeys, SshConfigExporter, SshConnector, type SshTimings, SshJumpBoxProbe, SshKeyVault } from '../ssh';
import type { TerminalFlowOptions } from './terminal-output';
import { auditSessions } from './connectivity-audit';
import { RecentJumpBoxConnections } from './jump-box-connections';
import { SessionManager, type AccessGuard } from './session-manager';
import type { TunnelTimings } from './ssh-forward-tunnel';

/** Ports of the connectivity area. */
export interface ConnectivityDeps {
  readonly appDataDir: string;
  readonly secrets: SecretStore;
  readonly log: Logger;
  readonly bastion?: BastionTunnels;
  /** ArmService: host keys through VM Run Command, and user kubeconfigs. */
  readonly azure?: VmHostKeys & ClusterCredentials;
  /** The SSH agent (default: SSH_AUTH_SOCK, or the Windows OpenSSH agent pipe). */
  readonly agentSocket?: string;
  readonly homeDir?: string;
  readonly sshTimings?: SshTimings;
  readonly tunnelTimings?: TunnelTimings;
  readonly flow?: TerminalFlowOptions;
  readonly hostKeyPromptTimeoutMs?: number;
  /** The audit log: sessions, tunnels, host-key decisions, trust changes and file exports are recorded. */
  readonly audit?: AuditRecorder;
  /** Which files a `default`/`pick` choice means (default: fixed files under `homeDir`, no dialogs). */
  readonly files?: FileTargets;
  /** Checked before every session, tunnel, reconnect and kubeconfig context through a tunnel (JIT before SSH). */
  readonly access?: AccessGuard;
  /** Entra contexts call the console's credential helper (absent: ARM's user entry as returned). */
  readonly kubectlExec?: ExecCredentialOptions;
  /** Where the SSH clients run (the session process); absent: in this process. */
  readonly clientHost?: SshClientHost;
  /** Starts local shells for kubectl terminals (default: node-pty). */
  readonly pty?: PtySpawner;
}

/** Everything the SSH / tunnel / kubeconfig handlers use. */
export interface Connectivity {
  readonly manager: SessionManager;
  readonly prompts: HostKeyPrompts;
  readonly knownHosts: KnownHostsStore;
  /** Imports and removals of trusted host keys (audited). */
  readonly hostKeyTrust: HostKeyTrust;
  readonly keys: SshKeyVault;
  readonly connector: SshConnector;
  readonly seeder: AzureHostKeySeeder | undefined;
  readonly kubeconfig: KubeconfigExporter | undefined;
  /** kubectl terminal tabs (needs the kubeconfig exporter, so ARM). */
  readonly kubectlTerminals: KubectlTerminals | undefined;
  readonly sshConfig: SshConfigExporter;
  /** The checklist's JumpBoxProbe, over connections signed in like the operator's last terminal. */
  readonly jumpBoxProbe: SshJumpBoxProbe;
  dispose(): Promise<void>;
}

/** Builds the connectivity services (the composition root calls this once). */
export function createConnectivity(deps: ConnectivityDeps): Connectivity {
  const log = deps.log.child('ssh');
  const knownHosts = new KnownHostsStore(deps.appDataDir);
  const prompts = new HostKeyPrompts(deps.hostKeyPromptTimeoutMs ?? 120_000);
  const keys = new SshKeyVault(deps.secrets, deps.appDataDir, deps.audit);
  const files = deps.files ?? new FileTargets(null, deps.homeDir);
  const connector = new SshConnector({
    verifier: new HostKeyVerifier(knownHosts, prompts, log, deps.audit),
    knownHosts,
    keys,
    bastion: deps.bastion,
    agentSocket: deps.agentSocket ?? defaultAgentSocket(),
    timings: deps.sshTimings,
    log,
    ...(deps.clientHost ? { clientHost: deps.clientHost } : {}),
  });
  const manager = new SessionManager({ connector, prompts, bastion: deps.bastion, log, flow: deps.flow, tunnelTimings: deps.tunnelTimings, access: deps.access });
  const kubeconfig = deps.azure
    ? new KubeconfigExporter(deps.azure, { localPortOf: (name) => manager.tunnel(name).snapshot().localPort }, new FileChangePlanner(), files, deps.audit, deps.kubectlExec)
    : undefined;
  const kubectlTerminals = kubeconfig
    ? new KubectlTerminals({
        exporter: kubeconfig,
        registry: deps.kubectlExec?.registry,
        manager,
        spawn: deps.pty ?? nodePtySpawner(),
        tabsDir: path.join(deps.appDataDir, 'kubectl-tabs'),
        shell: defaultShell(),
        env: process.env,
        cwd: deps.homeDir ?? os.homedir(),
      })
    : undefined;
  const stopAudit = deps.audit ? auditSessions(manager, deps.audit) : () => undefined;
  return {
    manager,
    prompts,
    knownHosts,
    hostKeyTrust: new HostKeyTrust(knownHosts, files, deps.audit),
    keys,
    connector,
    seeder: deps.azure ? new AzureHostKeySeeder(deps.azure, knownHosts, deps.audit) : undefined,
    kubeconfig,
    kubectlTerminals,
    sshConfig: new SshConfigExporter(knownHosts, new FileChangePlanner(), deps.appDataDir, files, deps.audit),
    jumpBoxProbe: new SshJumpBoxProbe(new RecentJumpBoxConnections(connector, () => manager.recentTargets())),
    async dispose() {
      await manager.dispose();
      stopAudit();
      prompts.dispose();
    },
  };
}
