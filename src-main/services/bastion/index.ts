/**
 * Azure Bastion native-client tunnels (protocol: shared docs, bastion-protocol.md).
 * Use `BastionTunnelClient.open()` for a Duplex (ssh2 `sock`) or `.listen()` for a 127.0.0.1 port (kubectl).
 */
export { BastionTunnelClient, type BastionTunnelClientDeps, type PreparedTunnel } from './tunnel-client';
export { BastionConfig, defaultBastionConfig } from './bastion-config';
export { bastionNetFrom, bastionNetFromEnv, bastionNetFromStack, type BastionNet } from './bastion-net';
export { armBastionHostReader, toBastionHost, type ArmBastionHostModel, type BastionListing } from './arm-host-reader';
export { tunnelModeFor, isTunnelTargetId, type TunnelMode } from './host-policy';
export type * from './bastion-types';
export type { BastionConnection, BastionListener, ListenOptions, TunnelRequest } from './bastion-types';
