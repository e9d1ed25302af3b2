/** Ranking of the network paths to a cluster over its topology: Bastion, jump box, VPN, command invoke (not file paths). */
export { type Path, type Preferences, rankPaths } from './path-chooser';
export { bastionSkuSupportsNativeClient, clusterVnetId, dnsLinkFor, peeringBetween } from './topology-queries';
export { probeWorkstationReach, withWorkstationReach, type WorkstationReach } from './workstation-reach';
