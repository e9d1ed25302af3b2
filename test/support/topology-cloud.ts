/**
 * The ARM and Bastion stand-ins wired to a namespace topology, shared by demo mode, the full-walk
 * e2e and the kubectl tests: the hub/spoke scenario whose jump box (real OpenSSH host keys), Bastion
 * (routed into the hub namespace) and API server (kubeconfig with the topology's CA) are the
 * topology's own. Without a topology only the ARM stand-in runs.
 */
import { stringify } from 'yaml';
import { startArmStandIn, type ArmStandIn, type StartOptions } from '../standins/arm';
import { startBastionStandIn, type BastionStandIn } from '../standins/bastion/bastion-standin';
import { clientForStandIn, STANDIN_ARM_TOKEN } from '../standins/bastion/harness';
import { topologyRouter } from '../standins/bastion/topology-router';
import type { Topology } from '../topology/index';

/** A kubeconfig as ARM would return it for the topology's API server (CA = the topology's test CA). */
export function topologyKubeconfig(topology: Topology): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'aks-prod', cluster: { server: `https://${topology.apiServer.fqdn}:443`, 'certificate-authority-data': Buffer.from(topology.apiServerCaPem).toString('base64') } }],
    contexts: [{ name: 'aks-prod', context: { cluster: 'aks-prod', user: 'clusterUser_aks-prod' } }],
    'current-context': 'aks-prod',
    users: [{ name: 'clusterUser_aks-prod', user: { token: 'stand-in-user-token-not-a-secret' } }],
  });
}

/** The running stand-ins; `bastion` and `bastionClient` exist only with a topology and a scenario that has a Bastion and a jump box. */
export interface TopologyCloud {
  readonly arm: ArmStandIn;
  readonly bastion: BastionStandIn | undefined;
  /** The real BastionTunnelClient pointed at the Bastion stand-in. */
  readonly bastionClient: ReturnType<typeof clientForStandIn>['client'] | undefined;
  close(): Promise<void>;
}

/** Starts the ARM stand-in for `options.scenario` (and the Bastion stand-in) over `topology` when there is one. */
export async function startTopologyCloud(topology: Topology | undefined, options: Omit<StartOptions, 'jumpBoxHostKeys' | 'kubeconfigFor'>): Promise<TopologyCloud> {
  const arm = await startArmStandIn({
    ...options,
    ...(topology ? { jumpBoxHostKeys: [...topology.jumpBoxHostKeys], kubeconfigFor: () => topologyKubeconfig(topology) } : {}),
  });
  const meta = arm.world.meta;
  if (!topology || !meta.bastionId || !meta.jumpBoxId) return { arm, bastion: undefined, bastionClient: undefined, close: () => arm.stop() };
  const bastion = await startBastionStandIn({
    route: topologyRouter(topology, { jumpBoxId: meta.jumpBoxId, clusterId: meta.clusterId }),
    acceptToken: (t) => t === STANDIN_ARM_TOKEN,
  });
  const wired = clientForStandIn(bastion, { host: { id: meta.bastionId } });
  return {
    arm,
    bastion,
    bastionClient: wired.client,
    async close() {
      await wired.dispose();
      await bastion.close();
      await arm.stop();
    },
  };
}
