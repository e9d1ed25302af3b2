/**
 * The one builder of the simulated cloud, shared by demo mode (and the full-walk e2e) and the
 * connectivity test world: it brings up the namespace topology when asked, starts the ARM and
 * Bastion stand-ins wired to it (the hub/spoke scenario whose jump box has real OpenSSH host keys,
 * whose Bastion is routed into the hub namespace, whose API server's kubeconfig carries the
 * topology's CA), and makes the operator's side: a temporary home folder, the stand-in file dialogs
 * and an in-memory keychain. Without a topology only the ARM stand-in runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { startArmStandIn, type ArmStandIn, type StartOptions } from '../standins/arm';
import { startBastionStandIn, type BastionStandIn } from '../standins/bastion/bastion-standin';
import { clientForStandIn, STANDIN_ARM_TOKEN } from '../standins/bastion/harness';
import { topologyRouter } from '../standins/bastion/topology-router';
import type { Topology } from '../topology/index';
import { StandInFileDialogs } from './file-dialogs';
import { MemorySecretStore } from './memory-secret-store';

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
  /** The topology brought up for `options.topology` (left up on close: slots are reused). */
  readonly topology: Topology | undefined;
  /** A temporary home folder (exports land here, never in the real home), removed on close. */
  readonly homeDir: string;
  /** The "operator" answering main's file dialogs: picks `<homeDir>/picked/<kind>`, never a real file. */
  readonly dialogs: StandInFileDialogs;
  /** An in-memory keychain for the console. */
  readonly secrets: MemorySecretStore;
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
  /** The namespace topology to bring up (needs root), or none. */
  readonly topology?: { readonly slot: number; readonly profile?: 'standard' | 'hardened' };
}

/** The `dnsName` the ARM world gives its Bastion host. */
function bastionDnsName(arm: ArmStandIn, bastionId: string): string {
  const properties = (arm.world.get(bastionId)?.properties ?? {}) as { dnsName?: string };
  if (!properties.dnsName) throw new Error(`the ARM world has no dnsName for ${bastionId}`);
  return properties.dnsName;
}

/** Brings up `options.topology` when asked, then starts the ARM stand-in for `options.scenario` (and the Bastion stand-in over the topology) and the operator's side. */
export async function startTopologyCloud(options: TopologyCloudOptions): Promise<TopologyCloud> {
  const { bastionTokens, topology: wanted, ...armOptions } = options;
  // Loaded only when asked: demo mode without root never touches the namespace scripts.
  const topology = wanted ? await (await import('../topology/index')).up(wanted) : undefined;
  const arm = await startArmStandIn({
    ...armOptions,
    ...(topology ? { jumpBoxHostKeys: [...topology.jumpBoxHostKeys], kubeconfigFor: () => topologyKubeconfig(topology) } : {}),
  });
  const homeDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-cloud-home-'));
  const operator = { topology, homeDir, dialogs: new StandInFileDialogs(path.join(homeDir, 'picked')), secrets: new MemorySecretStore() };
  const removeHome = () => rm(homeDir, { recursive: true, force: true });
  const meta = arm.world.meta;
  if (!topology || !meta.bastionId || !meta.jumpBoxId) {
    return { arm, bastion: undefined, bastionClient: undefined, ...operator, close: async () => { await arm.stop(); await removeHome(); } };
  }
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
    ...operator,
    async close() {
      await wired?.dispose();
      await bastion.close();
      await arm.stop();
      await removeHome();
    },
  };
}
