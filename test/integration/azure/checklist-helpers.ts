import { ChecklistService, type ChecklistRequest } from '../../../src-main/services/checklist/checklist-service';
import { EgressIpResolver } from '../../../src-main/services/azure/egress-ip';
import type { JumpBoxProbe } from '../../../src-main/services/azure-model/jump-box-probe';
import { armServiceFor } from '../../standins/arm/client';
import type { ArmStandIn } from '../../standins/arm';
import { MemoryLogger } from '../../support/memory-logger';

/** A checklist service over a running stand-in. */
export function checklistFor(standIn: ArmStandIn, probe: JumpBoxProbe | null = null): ChecklistService {
  const arm = armServiceFor(standIn);
  return new ChecklistService({
    arm: () => arm,
    egress: new EgressIpResolver({ method: 'none' }),
    probe: () => probe,
    settings: { concurrency: 6, timeoutMs: 20_000, portal: 'https://portal.azure.com' },
    log: new MemoryLogger(),
  });
}

/** Runs the checklist to the end and returns the run. */
export async function runChecklist(standIn: ArmStandIn, request: Partial<ChecklistRequest> & Pick<ChecklistRequest, 'pathId'>, probe: JumpBoxProbe | null = null) {
  const service = checklistFor(standIn, probe);
  const { runId } = await service.start({ clusterId: standIn.world.meta.clusterId, operatorIp: standIn.world.meta.operatorIp, ...request });
  await service.settled(runId);
  return service.get(runId);
}
