/**
 * What the SSH, tunnel and kubeconfig services need from other areas, as small ports. The Bastion
 * service's BastionTunnelClient and the Azure layer's ArmService satisfy them structurally.
 */
import type { Client } from 'ssh2';
import type { BastionConnection, BastionListener, ListenOptions, TunnelRequest } from '../bastion';
import type { ServerOffer } from './kexinit-reader';

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

/** Port: where the SSH clients run and their jump-box sockets are held (the session process); absent: in this process. */
export interface SshClientHost {
  /** A new, unconnected client with ssh2's `Client` surface as the console uses it. */
  createClient(): Client;
  /** A TCP connection to a jump box, held where the clients run; `connect({ sock })` takes it. */
  dial(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<{ destroy(): void }>;
  /** The server's algorithm offer as seen where `client` ran, when its handshake failed. */
  serverOfferOf(client: Client): ServerOffer | undefined;
}
