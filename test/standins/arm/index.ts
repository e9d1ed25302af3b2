/**
 * The ARM stand-in: an HTTPS loopback server that serves scenario topologies assembled from the
 * official API examples. Tests, benchmarks and demo mode start it with `startArmStandIn`.
 */
import { buildScenario, type ScenarioName, type ScenarioOptions } from './scenarios';
import { startArmServer, type ArmServerOptions, type ArmStandIn, type Faults } from './server';

export { SCENARIOS, OPERATOR_IP, PLATFORM_SUBSCRIPTION, TENANT_ID, buildScenario, type ScenarioName, type ScenarioOptions } from './scenarios';
export type { ArmStandIn, Faults, LoggedRequest, ReceivedCommand } from './server';
export type { CommandFiles, CommandOutput } from './aks-command-pod';
export { World, type ScenarioMeta } from './world';
export { assignmentsOf, grantAksRole } from './role-assignments';
export { commandPodOn } from './command-pod-kubectl';
export { ageActivations, decide, makeEligible, MINIMUM_ACTIVE_MS, pimOf, type Eligibility, type PimPolicy } from './pim';

/** Options of `startArmStandIn`. */
export interface StartOptions extends ScenarioOptions, Omit<ArmServerOptions, 'world' | 'faults'> {
  readonly scenario: ScenarioName;
  readonly latencyMs?: number;
  readonly faults?: Partial<Faults>;
}

/** Builds the scenario's world and serves it on `https://127.0.0.1:<random port>` with a test CA. */
export function startArmStandIn(options: StartOptions): Promise<ArmStandIn> {
  const world = buildScenario(options.scenario, options);
  return startArmServer({
    world,
    faults: { ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}), ...options.faults },
    ...(options.kubeconfigFor ? { kubeconfigFor: options.kubeconfigFor } : {}),
    ...(options.commandOutput ? { commandOutput: options.commandOutput } : {}),
  });
}
