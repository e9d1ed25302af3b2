/** Public face of the host-keys feature. */
export { HostKeyPrompts } from './host-key-dialog';
export { KnownHostsPanel } from './known-hosts-panel';
export { groupFingerprint } from './fingerprint';
