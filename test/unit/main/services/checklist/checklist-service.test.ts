import { describe, expect, it } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { ArmService } from '../../../../../src-main/services/azure/arm-service';
import { EgressIpResolver } from '../../../../../src-main/services/azure/egress-ip';
import { outcome, type Check, type Result } from '../../../../../src-main/services/checklist/check';
import { fix } from '../../../../../src-main/services/checklist/remediation';
import { ChecklistService } from '../../../../../src-main/services/checklist/checklist-service';
import { MemoryLogger } from '../../../../support/memory-logger';

const CLUSTER = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod';

/** A stand-in Azure whose cluster carries a `fixed` tag the operator can flip, counting every read. */
function fakeAzure() {
  const azure = { fixed: 'no', reads: 0 };
  const arm = {
    getCluster: async (id: string): Promise<ManagedCluster> => {
      azure.reads++;
      return { id, name: 'aks-prod', location: 'japaneast', tags: { fixed: azure.fixed } };
    },
  } as unknown as ArmService;
  return { azure, arm };
}

/** Passes only when the cluster (read through the run's loader) says it was fixed. */
const tagCheck: Check = {
  id: 'cluster-fixed',
  title: 'Cluster fixed',
  hops: ['api-server'],
  appliesTo: () => true,
  async run(ctx) {
    const cluster = await ctx.facts.managedCluster();
    return cluster.tags?.fixed === 'yes' ? outcome.pass('fixed') : outcome.fail(['not fixed'], fix(['fix it'], null, null));
  },
};

/** Also reads the cluster, so a memoised loader shared across passes would serve the stale answer to the re-run. */
const steadyCheck: Check = {
  id: 'steady',
  title: 'Steady',
  hops: ['api-server'],
  appliesTo: () => true,
  async run(ctx) {
    await ctx.facts.managedCluster();
    return outcome.pass('always');
  },
};

/** Waits until cancelled. */
const hangingCheck: Check = {
  id: 'hanging',
  title: 'Hanging',
  hops: ['api-server'],
  appliesTo: () => true,
  run: (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason))),
};

function serviceWith(checks: readonly Check[]) {
  const { azure, arm } = fakeAzure();
  const service = new ChecklistService({
    arm: () => arm,
    egress: new EgressIpResolver({ method: 'none' }),
    probe: () => null,
    settings: { concurrency: 4, timeoutMs: 10_000, portal: 'https://portal.azure.com' },
    log: new MemoryLogger(),
    checks,
  });
  const results: Array<{ runId: string; result: Result }> = [];
  const finished: Array<{ runId: string; state: string; count: number }> = [];
  service.onDidResult((runId, result) => results.push({ runId, result }));
  service.onDidFinish((runId, state, all) => finished.push({ runId, state, count: all.length }));
  return { service, azure, results, finished };
}

async function ranOnce(checks: readonly Check[]) {
  const env = serviceWith(checks);
  const { runId } = await env.service.start({ clusterId: CLUSTER, pathId: 'command-invoke', operatorIp: '203.0.113.10' });
  await env.service.settled(runId);
  return { ...env, runId };
}

describe('ChecklistService.rerun', () => {
  it('re-runs only the asked check with fresh Azure reads, replaces its result and finishes again', async () => {
    const { service, azure, results, finished, runId } = await ranOnce([tagCheck, steadyCheck]);
    expect(service.get(runId).results.map((r) => [r.checkId, r.status])).toEqual([['cluster-fixed', 'fail'], ['steady', 'pass']]);
    const steadyBefore = service.get(runId).results[1];
    const readsBefore = azure.reads;

    azure.fixed = 'yes';
    results.length = 0;
    expect(service.rerun(runId, ['cluster-fixed'])).toEqual({ runId, checkIds: ['cluster-fixed'] });
    expect(service.get(runId).state).toBe('running');
    await service.settled(runId);

    expect(azure.reads).toBeGreaterThan(readsBefore);
    expect(results.map((e) => [e.runId, e.result.checkId, e.result.status])).toEqual([[runId, 'cluster-fixed', 'pass']]);
    expect(finished.at(-1)).toEqual({ runId, state: 'completed', count: 2 });
    const run = service.get(runId);
    expect(run.state).toBe('completed');
    expect(run.results.map((r) => [r.checkId, r.status])).toEqual([['cluster-fixed', 'pass'], ['steady', 'pass']]);
    expect(run.results[1]).toBe(steadyBefore);
    const exported = JSON.parse(service.export(runId, 'json').content) as { results: Result[] };
    expect(exported.results.find((r) => r.checkId === 'cluster-fixed')?.status).toBe('pass');
    expect(service.export(runId, 'markdown').content).not.toContain('FAIL');
  });

  it('refuses an unknown check id with a coded error and changes nothing', async () => {
    const { service, results, finished, runId } = await ranOnce([tagCheck, steadyCheck]);
    const before = service.get(runId);
    const eventsBefore = [results.length, finished.length];
    expect(() => service.rerun(runId, ['cluster-fixed', 'no-such-check'])).toThrow(expect.objectContaining({ code: 'checklist.unknown_check' }));
    expect(service.get(runId)).toEqual(before);
    expect([results.length, finished.length]).toEqual(eventsBefore);
  });

  it('refuses an unknown run with a coded error', async () => {
    const { service } = await ranOnce([tagCheck]);
    expect(() => service.rerun('00000000-0000-4000-8000-000000000000', ['cluster-fixed'])).toThrow(expect.objectContaining({ code: 'checklist.unknown_run' }));
  });

  it('refuses a re-run while the run is still going', async () => {
    const { service } = serviceWith([hangingCheck]);
    const { runId } = await service.start({ clusterId: CLUSTER, pathId: 'command-invoke', operatorIp: '203.0.113.10' });
    expect(() => service.rerun(runId, ['hanging'])).toThrow(expect.objectContaining({ code: 'checklist.run_busy' }));
    service.cancel(runId);
    await service.settled(runId);
  });

  it('can cancel a re-run, which ends the run as cancelled', async () => {
    let hang = false;
    const gated: Check = { ...hangingCheck, run: (ctx) => (hang ? hangingCheck.run(ctx) : Promise.resolve({ status: 'pass', evidence: [] })) };
    const { service, finished, runId } = await ranOnce([gated]);
    hang = true;
    service.rerun(runId, ['hanging']);
    expect(service.cancel(runId)).toBe(true);
    await service.settled(runId);
    expect(service.get(runId).state).toBe('cancelled');
    expect(finished.at(-1)).toMatchObject({ runId, state: 'cancelled' });
  });
});
