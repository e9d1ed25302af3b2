/**
 * The readiness checklist: checks of the path to a private cluster, run against ARM facts and, for
 * the checks that must run on the jump box, through the SSH slice's `JumpBoxProbe`.
 * The composition root builds it with `createChecklistService` on top of the Azure layer.
 */
import type { AzureConfig, AzureLayer } from '../azure';
import type { JumpBoxProbe } from '../azure-model';
import type { Logger } from '../log';
import { ChecklistService } from './checklist-service';

export { ChecklistService, summarize, type ChecklistDeps, type ChecklistRequest, type ChecklistSettings } from './checklist-service';

/** What the composition root hands the checklist. */
export interface ChecklistServiceDeps {
  /** The Azure layer: its ARM service and its egress-IP resolver (shared, so both see one answer). */
  readonly azure: Pick<AzureLayer, 'arm' | 'egress'>;
  readonly config: AzureConfig;
  /** The SSH slice's probe, once it exists. */
  readonly probe: () => JumpBoxProbe | null;
  readonly log: Logger;
}

/** Builds the checklist over the Azure layer (kept out of the Azure layer so Azure never depends on the checklist). */
export function createChecklistService(deps: ChecklistServiceDeps): ChecklistService {
  return new ChecklistService({
    arm: () => deps.azure.arm,
    egress: deps.azure.egress,
    probe: deps.probe,
    settings: { ...deps.config.checklist, portal: deps.config.portalUrl },
    log: deps.log,
  });
}
