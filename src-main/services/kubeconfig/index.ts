/** kubeconfig entries the console writes (through tunnels, with the credential helper) and their YAML merge. */
export type { ClusterAccessReader } from './cluster-access';
export { type ExecCredentialOptions, KubeconfigExporter, type KubeconfigRequest, type TunnelPorts } from './kubeconfig-exporter';
export { mergeKubeconfig, tunnelledEntries } from './kubeconfig-yaml';
