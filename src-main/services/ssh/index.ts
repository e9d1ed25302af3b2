/** SSH: connections, host-key trust and verification, the key vault, ssh_config export. */
export { defaultAgentSocket } from './agent-socket';
export { AzureHostKeySeeder } from './azure-host-keys';
export { onChannelClosed, type ChannelExit } from './channel-exit';
export { HostKeyPrompts } from './host-key-prompts';
export { HostKeyTrust } from './host-key-trust';
export { HostKeyRefusedError, HostKeyVerifier } from './host-key-verifier';
export { KnownHostsStore } from './known-hosts-store';
export type { BastionTunnels, ClusterCredentials, SshClientHost, VmHostKeys } from './ports';
export { SshConfigExporter } from './ssh-config-export';
export type { SshConnection } from './ssh-connection';
export { describeTarget, SshConnector, type SshTargetValue, type SshTimings } from './ssh-connector';
export { type JumpBoxConnections, SshJumpBoxProbe } from './ssh-jump-box-probe';
export { SshKeyVault } from './ssh-key-vault';
export { azureHostId, openSshHostToken } from './host-id';
export type { SshConfigEndpoint } from './ssh-config-export';
