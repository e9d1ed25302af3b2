/**
 * The simulated Azure cloud that demo mode and the full-walk e2e run the real console against:
 * the Entra ID stand-in (its directory built from the ARM world), the ARM stand-in serving one
 * scenario topology, and — when this machine can build network namespaces (root) — the hub/spoke
 * topology with a real OpenSSH jump box and API server, reached through the Bastion stand-in.
 * Returns the harness options (configuration and core ports) that point the console at it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CoreOptions } from '../../src-main/core';
import { MemorySecretStore } from '../../src-main/services/secrets/memory-secret-store';
import type { SecretStore } from '../../src-main/services/secrets/secret-store';
import { OPERATOR_IP, type ArmStandIn, type ScenarioName } from '../standins/arm';
import type { BastionStandIn } from '../standins/bastion/bastion-standin';
import { directoryFromArm } from '../standins/entra/directory';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import type { Topology } from '../topology/index';
import { startTopologyCloud } from '../support/topology-cloud';

/** How to start the simulated cloud. */
export interface SimulatedCloudOptions {
  readonly scenario?: ScenarioName;
  /** Extra subscriptions of clusters for the inventory. */
  readonly fleet?: { subscriptions: number; clustersPerSubscription: number };
  /** Build the namespace topology (needs root); default: when running as root. */
  readonly topology?: boolean;
  readonly slot?: number;
  /** Where the console's "system browser" should open a sign-in page. */
  readonly openBrowser: (url: string) => Promise<void>;
  readonly secretStore?: SecretStore;
}

/** A running simulated cloud. */
export interface SimulatedCloud {
  readonly arm: ArmStandIn;
  readonly entra: EntraStandIn;
  readonly bastion: BastionStandIn | undefined;
  readonly topology: Topology | undefined;
  /** A temporary home folder: kubeconfig and ssh_config exports land here, never in the real home. */
  readonly homeDir: string;
  /** Configuration input for the harness. */
  readonly config: Record<string, unknown>;
  /** Core port overrides for the harness. */
  readonly core: Partial<CoreOptions>;
  close(): Promise<void>;
}

/** Starts every stand-in (and the topology when possible) and returns how to point the console at them. */
export async function startSimulatedCloud(options: SimulatedCloudOptions): Promise<SimulatedCloud> {
  const wantTopology = options.topology ?? process.getuid?.() === 0;
  const topology = wantTopology ? await (await import('../topology/index')).up({ slot: options.slot ?? 0 }) : undefined;
  const cloud = await startTopologyCloud(topology, { scenario: options.scenario ?? 'private-hub-spoke-bastion', ...(options.fleet ? { fleet: options.fleet } : {}) });
  const { arm, bastion } = cloud;
  const tls: StandInTls = makeStandInTls();
  const entra = await new EntraStandIn(tls, directoryFromArm(arm.world.tenants, arm.world.subscriptions)).start();
  const homeDir = await mkdtemp(path.join(os.tmpdir(), 'aksc-sim-home-'));
  const config = {
    simulated: true,
    auth: entra.authConfig({ armEndpoint: arm.url }),
    azure: { egressIp: { method: 'fixed', value: OPERATOR_IP } },
  };
  const core: Partial<CoreOptions> = {
    extraCaPem: `${tls.caPem}\n${arm.ca}`,
    secretStore: options.secretStore ?? new MemorySecretStore(),
    openBrowser: options.openBrowser,
    connectivity: { homeDir, ...(cloud.bastionClient ? { bastion: cloud.bastionClient } : {}) },
  };
  return {
    arm,
    entra,
    bastion,
    topology,
    homeDir,
    config,
    core,
    async close() {
      await cloud.close();
      await entra.stop();
      await rm(homeDir, { recursive: true, force: true });
    },
  };
}
