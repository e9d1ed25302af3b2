/**
 * Every ARM stand-in scenario, read the way the console reads Azure, ranked with and without the
 * operator's preferences: each reason and fix the chooser gives renders in English and Japanese
 * from the string tables, with every value filled in and no placeholder left.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ClusterFactsLoader } from '../../../src-main/services/azure/cluster-facts';
import { resolveTopology } from '../../../src-main/services/azure/topology';
import { rankPaths } from '../../../src-main/services/access-paths/path-chooser';
import { reasonText } from '../../../src-renderer/features/wizard/reason-text';
import { initI18n } from '../../../src-renderer/i18n';
import { armServiceFor } from '../../standins/arm/client';
import { SCENARIOS, startArmStandIn, type ArmStandIn } from '../../standins/arm';
import { emittableReasonCodes, renderingProblems, type EmittedReason } from '../../support/path-reason-codes';

const seen = new Set<string>();
let standIn: ArmStandIn | undefined;
afterAll(async () => {
  await standIn?.stop();
});

describe('path reasons of every stand-in scenario, in both languages', () => {
  it.each(SCENARIOS)('%s', async (scenario) => {
    await standIn?.stop();
    standIn = await startArmStandIn({ scenario });
    const topology = await resolveTopology(new ClusterFactsLoader(armServiceFor(standIn), standIn.world.meta.clusterId));
    const reasons: EmittedReason[] = [];
    for (const ip of [standIn.world.meta.operatorIp, '198.51.100.99', null]) {
      for (const prefs of [{}, { sshEgressAllowed: true, vpnConnected: true, expressRouteConnected: true }]) {
        for (const path of rankPaths(topology, prefs, ip)) reasons.push(...path.reasons, ...path.fixes);
      }
    }
    expect(reasons.length).toBeGreaterThan(0);
    const codes = emittableReasonCodes();
    for (const r of reasons) seen.add(r.code);
    expect(reasons.filter((r) => !codes.includes(r.code)).map((r) => r.code)).toEqual([]);
    for (const language of ['en', 'ja'] as const) {
      const i18n = await initI18n(language);
      expect(reasons.flatMap((r) => renderingProblems(i18n, r, reasonText))).toEqual([]);
    }
  });

  it('between them the scenarios reach a good share of what the chooser can say', () => {
    expect(seen.size).toBeGreaterThan(emittableReasonCodes().length / 2);
  });
});
