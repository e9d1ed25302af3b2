/**
 * What the SSH, tunnel and kubeconfig services need from other areas, as small ports, so they can
 * be built and tested before (and independently of) the services that implement them.
 */
import type { BastionConnection, BastionListener, ListenOptions, TunnelRequest } from '../bastion/bastion-types';

/** Port: Bastion native-client tunnels (the Bastion service implements it). */
export interface BastionTunnels {
  /** One Bastion session carrying one byte stream (for ssh2's `sock`). */
  connect(request: TunnelRequest, signal?: AbortSignal): Promise<BastionConnection>;
  /** A 127.0.0.1 listener; every accepted connection gets its own Bastion session. */
  listen(request: TunnelRequest, options?: ListenOptions): Promise<BastionListener>;
}

/** Port: runs a shell script on an Azure VM through the Run Command API and returns its output. */
export interface VmRunCommand {
  runShellScript(vmResourceId: string, script: readonly string[], signal?: AbortSignal): Promise<{ stdout: string; stderr: string }>;
}

/** Port: the user kubeconfig of a managed cluster (ARM `listClusterUserCredential`), as YAML text. */
export interface ClusterCredentials {
  getUserKubeconfig(clusterId: string, signal?: AbortSignal): Promise<string>;
}
