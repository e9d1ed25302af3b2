/**
 * What the SSH, tunnel and kubeconfig services need from other areas, as small ports. The Bastion
 * service's BastionTunnelClient and the Azure layer's ArmService satisfy them structurally.
 */
import type { BastionConnection, BastionListener, ListenOptions, TunnelRequest } from '../bastion';

/** Port: Bastion native-client tunnels. */
export interface BastionTunnels {
  /** One Bastion session carrying one byte stream (for ssh2's `sock`). */
  open(request: TunnelRequest, signal?: AbortSignal): Promise<BastionConnection>;
  /** A 127.0.0.1 listener; every accepted connection gets its own Bastion session. */
  listen(request: TunnelRequest, options?: ListenOptions): Promise<BastionListener>;
}

/** Port: a jump box's sshd host public key lines, read from Azure (VM Run Command). */
export interface VmHostKeys {
  readVmHostKeys(vmResourceId: string, signal?: AbortSignal): Promise<string[]>;
}

/** Port: the user kubeconfig of a managed cluster (ARM `listClusterUserCredential`), as YAML text. */
export interface ClusterCredentials {
  listClusterUserCredential(clusterId: string): Promise<string>;
}
