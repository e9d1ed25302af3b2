import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckResult, RankedPath, Topology } from '../../../src-main/ipc/contract/azure';
import { ClusterFactsLoader } from '../../../src-main/services/azure/cluster-facts';
import { resolveTopology } from '../../../src-main/services/azure/topology';
import { rankPaths } from '../../../src-main/services/access-paths/path-chooser';
import { startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { armServiceFor } from '../../standins/arm/client';
import { runChecklist } from './checklist-helpers';

type Json = Record<string, unknown>;

function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    const inner = entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
    return prefix.length > 0 ? [prefix, ...inner] : inner;
  }
  return [prefix];
}

function setAt(target: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(target);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.constant('UnknownEnumValue'));

describe('fuzz: ARM answers with nulls, wrong types and unknown enums never crash a checklist run or break the topology contract', () => {
  let standIn: ArmStandIn;
  let pristine: Map<string, Json>;
  beforeAll(async () => {
    standIn = await startArmStandIn({ scenario: 'private-vpn' });
    pristine = new Map(standIn.world.all().map((r) => [String(r.id), structuredClone(r)]));
  });
  afterAll(async () => standIn.stop());

  it('every run completes, every result and the topology fit the contract', { timeout: 180_000 }, async () => {
    const ids = [...pristine.keys()];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(), junk), { minLength: 1, maxLength: 4 }), fc.constantFrom('bastion-jumpbox', 'vpn', 'command-invoke', 'ssh-jumpbox') as fc.Arbitrary<'bastion-jumpbox' | 'vpn' | 'command-invoke' | 'ssh-jumpbox'>, async (mutations, pathId) => {
        standIn.mutate((w) => {
          for (const r of pristine.values()) w.put(structuredClone(r));
          for (const [which, where, value] of mutations) {
            const id = ids[which % ids.length]!;
            const resource = w.get(id)!;
            const paths = leafPaths(resource).filter((p) => p[0] !== 'id');
            if (paths.length === 0) continue;
            w.put({ ...setAt(resource, paths[where % paths.length]!, value), id: resource.id });
          }
        });
        const run = await runChecklist(standIn, { pathId });
        expect(run.state).toBe('completed');
        expect(run.results).toHaveLength(run.checks.length);
        for (const result of run.results) expect(CheckResult.safeParse(result).success, JSON.stringify(result)).toBe(true);
        const topology = await resolveTopology(new ClusterFactsLoader(armServiceFor(standIn), standIn.world.meta.clusterId)).catch((error: Error & { code?: string }) => error);
        if (topology instanceof Error) {
          expect(topology.code, topology.message).toMatch(/^azure\./);
        } else {
          const parsed = Topology.safeParse(topology);
          expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
          for (const path of rankPaths(topology, {}, '203.0.113.10')) expect(RankedPath.safeParse(path).success).toBe(true);
        }
      }),
      // Always also: the cluster's name replaced by an object (found by a CI run: "[object Object]" in the text, an object in params).
      { numRuns: 20, examples: [[[[729490905, 0, {}]], 'bastion-jumpbox']] },
    );
  });
});
