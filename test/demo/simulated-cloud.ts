/**
 * The simulated Azure cloud that demo mode and the full-walk e2e run the real console against:
 * the Entra ID stand-in (its directory built from the ARM world), the ARM stand-in serving one
 * scenario topology, and — when this machine can build network namespaces (root) — the hub/spoke
 * topology with a real OpenSSH jump box and API server, reached through the Bastion stand-in.
 * Returns the harness options (configuration and core ports) that point the console at it.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { CoreOptions } from '../../src-main/core';
import type { SecretStore } from '../../src-main/services/secrets/secret-store';
import { assignmentsOf, OPERATOR_IP, type ArmStandIn, type ScenarioName } from '../standins/arm';
import type { AccessScenario } from '../standins/apiserver';
import type { BastionStandIn } from '../standins/bastion/bastion-standin';
import { directoryFromArm } from '../standins/entra/directory';
import { EntraStandIn } from '../standins/entra/entra-standin';
import { makeStandInTls, type StandInTls } from '../standins/entra/standin-tls';
import type { Topology } from '../topology/index';
import { startTopologyCloud } from '../support/topology-cloud';
import { buildCredentialHelper } from '../support/credential-helper-build';
import { holdApiServerLock } from '../topology/api-server-lock';

/** The audience of ARM tokens (what Azure Bastion takes as `aztoken`). */
const ARM_AUDIENCE = 'https://management.azure.com/';

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
  /**
   * How the scenario's cluster authenticates and authorizes (absent: local accounts, as the fixture
   * has it). With a topology, the spoke's API server is configured for it: the Entra stand-in's keys
   * and issuer, and the ARM world's role assignments.
   */
  readonly access?: AccessScenario;
  /**
   * Enables kubectl's credential channel: the helper is bundled from its Node entry and contexts the
   * console writes for Entra clusters call it (the channel's runtime folder is inside the home folder).
   */
  readonly kubectl?: boolean;
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
  /** Writes the spoke API server's access file from the ARM world as it is now (after a role is granted); no-op without a topology or `access`. */
  syncApiServer(): void;
  /** CAE: revokes the operator's sessions now, so the spoke API server challenges every token issued before this second. */
  revokeSessions(): void;
  close(): Promise<void>;
}

/** Starts every stand-in (and the topology when possible) and returns how to point the console at them. */
export async function startSimulatedCloud(options: SimulatedCloudOptions): Promise<SimulatedCloud> {
  const wantTopology = options.topology ?? process.getuid?.() === 0;
  // Bastion takes only an ARM token Entra issued for the tenant of the Bastion's subscription: the
  // console's own Bastion client, with the operator's own token, is what reaches it.
  const late: { entra?: EntraStandIn } = {};
  const bastionTokens = (aztoken: string): boolean => {
    const issued = late.entra?.validateAccessToken(aztoken);
    const bastionId = cloud.arm.world.meta.bastionId ?? '';
    const subscription = cloud.arm.world.subscriptions.find((s) => bastionId.toLowerCase().startsWith(`/subscriptions/${s.subscriptionId}/`));
    return !!issued && issued.scopes.some((scope) => scope.startsWith(ARM_AUDIENCE)) && issued.tenantId === subscription?.tenantId;
  };
  const cloud = await startTopologyCloud({
    scenario: options.scenario ?? 'private-hub-spoke-bastion',
    ...(wantTopology ? { topology: { slot: options.slot ?? 0 } } : {}),
    bastionTokens,
    ...(options.fleet ? { fleet: options.fleet } : {}),
    ...(options.access ? { access: options.access } : {}),
  });
  const { arm, bastion, topology, homeDir } = cloud;
  const tls: StandInTls = makeStandInTls();
  const entra = await new EntraStandIn(tls, directoryFromArm(arm.world.tenants, arm.world.subscriptions)).start();
  late.entra = entra;
  const config = {
    simulated: true,
    auth: entra.authConfig({ armEndpoint: arm.url }),
    azure: { egressIp: { method: 'fixed', value: OPERATOR_IP } },
    ...(bastion ? { bastion: { connectOverrides: bastion.connectOverrides } } : {}),
  };
  const helper = options.kubectl ? await buildCredentialHelper() : undefined;
  const core: Partial<CoreOptions> = {
    ...(helper ? { kubectl: { helper: { command: process.execPath, args: [helper.file] }, runtimeDir: path.join(homeDir, 'run') } } : {}),
    extraCaPem: [tls.caPem, arm.ca, ...(bastion ? [bastion.caPem] : [])].join('\n'),
    secretStore: options.secretStore ?? cloud.secrets,
    openBrowser: options.openBrowser,
    connectivity: { homeDir },
    // "Choose a file…" in demo mode: the simulated dialog picks <home>/picked/<kind>, never a real file.
    fileDialogs: cloud.dialogs,
  };
  let sessionsRevokedAt: number | undefined;
  const syncApiServer = (): void => {
    const { meta } = arm.world;
    if (!topology || !meta.access) return;
    const tenantId = meta.access.aadProfile?.tenantID ?? meta.tenantId;
    topology.configureApiServer({ tenantId, clusterId: meta.clusterId, access: meta.access, issuer: entra.accessTokenIssuer(tenantId), jwks: entra.jwks(), roleAssignments: assignmentsOf(arm.world), ...(sessionsRevokedAt !== undefined ? { sessionsRevokedAt } : {}) });
  };
  // Another file on this slot may be configuring the same API server: wait for it to finish with it.
  const releaseApiServer = topology && options.access ? await holdApiServerLock(topology.slot) : undefined;
  syncApiServer();
  return {
    arm,
    entra,
    bastion,
    topology,
    homeDir,
    config,
    core,
    syncApiServer,
    revokeSessions() {
      sessionsRevokedAt = Math.floor(Date.now() / 1000);
      syncApiServer();
    },
    async close() {
      if (releaseApiServer) {
        topology?.configureApiServer(null);
        await releaseApiServer();
      }
      await cloud.close();
      await entra.stop();
      if (helper) await rm(helper.dir, { recursive: true, force: true });
    },
  };
}
