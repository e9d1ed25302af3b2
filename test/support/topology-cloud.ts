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
  /** A BastionTunnelClient of the tests' own, pointed at the Bastion stand-in (absent with `bastionTokens`). */
  readonly bastionClient: ReturnType<typeof clientForStandIn>['client'] | undefined;
  close(): Promise<void>;
}

/** How the Bastion stand-in is reached and which tokens it takes. */
export interface TopologyCloudOptions extends Omit<StartOptions, 'jumpBoxHostKeys' | 'kubeconfigFor'> {
  /**
   * The Bastion accepts only tokens this predicate accepts, and no client of the tests' own is built:
   * the console's own Bastion client reaches the stand-in under the ARM record's `dnsName`
   * (`bastion.connectOverrides` and `bastion.caPem` go into the console's configuration).
   */
  readonly bastionTokens?: (aztoken: string) => boolean;
}

/** The `dnsName` the ARM world gives its Bastion host. */
function bastionDnsName(arm: ArmStandIn, bastionId: string): string {
  const properties = (arm.world.get(bastionId)?.properties ?? {}) as { dnsName?: string };
  if (!properties.dnsName) throw new Error(`the ARM world has no dnsName for ${bastionId}`);
  return properties.dnsName;
}

/** Starts the ARM stand-in for `options.scenario` (and the Bastion stand-in) over `topology` when there is one. */
export async function startTopologyCloud(topology: Topology | undefined, options: TopologyCloudOptions): Promise<TopologyCloud> {
  const { bastionTokens, ...armOptions } = options;
  const arm = await startArmStandIn({
    ...armOptions,
    ...(topology ? { jumpBoxHostKeys: [...topology.jumpBoxHostKeys], kubeconfigFor: () => topologyKubeconfig(topology) } : {}),
  });
  const meta = arm.world.meta;
  if (!topology || !meta.bastionId || !meta.jumpBoxId) return { arm, bastion: undefined, bastionClient: undefined, close: () => arm.stop() };
  const bastion = await startBastionStandIn({
    hostnames: [bastionDnsName(arm, meta.bastionId)],
    route: topologyRouter(topology, { jumpBoxId: meta.jumpBoxId, clusterId: meta.clusterId }),
    acceptToken: bastionTokens ?? ((t) => t === STANDIN_ARM_TOKEN),
  });
  const wired = bastionTokens ? undefined : clientForStandIn(bastion, { host: { id: meta.bastionId } });
  return {
    arm,
    bastion,
    bastionClient: wired?.client,
    async close() {
      await wired?.dispose();
      await bastion.close();
      await arm.stop();
    },
  };
}
