/**
 * Discovery of 1,000 AKS clusters across 100 subscriptions (plus the platform subscription) with
 * 150 ms injected latency per ARM call. Ours: one Resource Graph query paged with $skipToken.
 * Baselines, measured in the same run: per-subscription listing (the fallback) with 8 subscriptions
 * in flight, and one subscription after another (`az aks list --subscription …` in a loop).
 * Run alone: `npx tsx bench/discovery.ts`.
 */
import { DiscoveryService } from '../src-main/services/azure/discovery-service';
import { startArmStandIn, TENANT_ID } from '../test/standins/arm';
import { armServiceFor } from '../test/standins/arm/client';
import { median, ms } from './lib/timing';
import { MemoryLogger } from '../test/support/memory-logger';

const LATENCY_MS = 150;
const RUNS = 3;

const standIn = await startArmStandIn({ scenario: 'public', latencyMs: LATENCY_MS, fleet: { subscriptions: 100, clustersPerSubscription: 10 } });
try {
  const arm = armServiceFor(standIn);
  const discover = async (mode: 'graph' | 'fallback', concurrency: number) => {
    standIn.faults.graphUnavailable = mode === 'graph' ? null : 403;
    const service = new DiscoveryService(() => arm, new MemoryLogger(), { fallbackConcurrency: concurrency });
    const before = standIn.requests.length;
    const inventory = await service.inventory(TENANT_ID, true);
    if (inventory.source !== (mode === 'graph' ? 'resource-graph' : 'per-subscription') || inventory.clusters.length !== 1001) {
      throw new Error(`unexpected inventory: ${inventory.source}, ${inventory.clusters.length} clusters`);
    }
    return standIn.requests.length - before;
  };
  const graphCalls = await discover('graph', 8);
  const fallbackCalls = await discover('fallback', 8);
  const graph = await median(RUNS, () => discover('graph', 8));
  const parallel = await median(RUNS, () => discover('fallback', 8));
  const sequential = await median(1, () => discover('fallback', 1));
  console.log(`discovery (1,001 clusters, 101 subscriptions, ${LATENCY_MS} ms latency per ARM call)`);
  console.log(`  Resource Graph, paged with $skipToken (${graphCalls} calls incl. subscription list): ${ms(graph)} (median of ${RUNS})`);
  console.log(`  per-subscription listing, 8 in flight (${fallbackCalls} calls):  ${ms(parallel)} (median of ${RUNS})`);
  console.log(`  per-subscription listing, one at a time:                  ${ms(sequential)} (1 run)`);
  console.log(`  ratio per-subscription (8 in flight) / Resource Graph:    ${(parallel / graph).toFixed(1)}x`);
  console.log(`  ratio one at a time / Resource Graph:                     ${(sequential / graph).toFixed(1)}x`);
} finally {
  await standIn.stop();
}
