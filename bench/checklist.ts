/**
 * Troubleshooting checklist wall time with 150 ms injected latency on every ARM call.
 * Ours: the checklist engine (bounded concurrency, shared memoised reads). Baseline, measured in the
 * same run: the same checks one after another with every ARM call made one at a time, the way an
 * operator runs `az` commands. A middle figure shows checks in sequence but reads inside a check in
 * parallel. Run alone: `npx tsx bench/checklist.ts`.
 */
import type { HttpClient } from '@azure/core-rest-pipeline';
import { ArmService } from '../src-main/services/azure/arm-service';
import { EgressIpResolver } from '../src-main/services/azure/egress-ip';
import { ChecklistService } from '../src-main/services/checklist/checklist-service';
import { startArmStandIn } from '../test/standins/arm';
import { standInCredential, standInHttpClient } from '../test/standins/arm/client';
import { median, ms } from './lib/timing';
import { MemoryLogger } from '../test/support/memory-logger';

const LATENCY_MS = 150;
const RUNS = 3;

function oneAtATime(inner: HttpClient): HttpClient {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    sendRequest(request) {
      const turn = chain.then(() => inner.sendRequest(request));
      chain = turn.catch(() => undefined);
      return turn;
    },
  };
}

const standIn = await startArmStandIn({ scenario: 'private-hub-spoke-bastion', latencyMs: LATENCY_MS });
try {
  // One long-lived ArmService per transport, as in the app (clients and connections are reused).
  const http = standInHttpClient(standIn);
  const armFor = (httpClient: HttpClient) =>
    new ArmService({
      credential: standInCredential,
      endpoint: standIn.url,
      scope: 'https://management.azure.com/.default',
      httpClient,
      retry: { maxRetries: 2, retryDelayInMs: 50, maxRetryDelayInMs: 500 },
      pollIntervalMs: 50,
      log: new MemoryLogger(),
    });
  const parallelArm = armFor(http);
  const serialArm = armFor(oneAtATime(http));
  const run = async (concurrency: number, serialize: boolean) => {
    const arm = serialize ? serialArm : parallelArm;
    const service = new ChecklistService({
      arm: () => arm,
      egress: new EgressIpResolver({ method: 'fixed', value: standIn.world.meta.operatorIp }),
      probe: () => null,
      settings: { concurrency, timeoutMs: 120_000, portal: 'https://portal.azure.com' },
      log: new MemoryLogger(),
    });
    const before = standIn.requests.length;
    const { runId } = await service.start({ clusterId: standIn.world.meta.clusterId, pathId: 'bastion-jumpbox' });
    await service.settled(runId);
    const result = service.get(runId);
    if (result.results.some((r) => r.status === 'error')) throw new Error(`a check errored: ${JSON.stringify(result.results.filter((r) => r.status === 'error'))}`);
    return { calls: standIn.requests.length - before, checks: result.results.length };
  };
  const shape = await run(6, false);
  await run(1, true);
  const concurrent = await median(RUNS, () => run(6, false));
  const checksInSequence = await median(RUNS, () => run(1, false));
  const azStyle = await median(RUNS, () => run(1, true));
  console.log(`checklist (path bastion-jumpbox, ${shape.checks} checks, ${shape.calls} ARM calls, ${LATENCY_MS} ms latency per call, median of ${RUNS})`);
  console.log(`  concurrent engine (6 in flight):          ${ms(concurrent)}`);
  console.log(`  checks in sequence, reads in parallel:    ${ms(checksInSequence)}`);
  console.log(`  baseline, one call at a time (az-style):  ${ms(azStyle)}`);
  console.log(`  ratio baseline / concurrent:              ${(azStyle / concurrent).toFixed(1)}x`);
} finally {
  await standIn.stop();
}
