/**
 * Routes stand-in sessions into the topology's hub, the way a real Bastion in the hub VNet reaches
 * its targets: the jump box VM by its private IP, the AKS cluster by its private FQDN (resolved with
 * the hub's private DNS view), IP-connect targets by address.
 */
import type { Topology } from '../../topology/index';
import { IDS } from './harness';
import type { UpstreamRouter } from './standin-types';

/** Resource ids mapped onto the topology (defaults: the harness ids). */
export interface TopologyTargets {
  readonly jumpBoxId?: string;
  readonly clusterId?: string;
}

/** A router sending VM/cluster/IP sessions through the hub relay of `topology`. */
export function topologyRouter(topology: Topology, targets: TopologyTargets = {}): UpstreamRouter {
  const jumpBoxId = (targets.jumpBoxId ?? IDS.jumpBox).toLowerCase();
  const clusterId = (targets.clusterId ?? IDS.cluster).toLowerCase();
  return (target) => {
    const id = target.resourceId.toLowerCase();
    if (target.hostname) return () => topology.dialFromHub(target.hostname!, target.port);
    if (id === jumpBoxId) return () => topology.dialFromHub(topology.jumpBox.ip, target.port);
    if (id === clusterId) return () => topology.dialFromHub(topology.apiServer.fqdn, target.port);
    return undefined;
  };
}
