import { describe, expect, it } from 'vitest';
import { runOutcomeText } from '../../../../../src-renderer/features/checklist';
import type { ChecklistRunState } from '../../../../../src-renderer/features/checklist';
import { initI18n } from '../../../../../src-renderer/i18n';

type Result = ChecklistRunState['results'][string];
const result = (checkId: string, status: Result['status']) => ({ checkId, status, title: `Title of ${checkId}`, evidence: [], durationMs: 1 }) as unknown as Result;

function run(state: ChecklistRunState['state'], results: Record<string, Result>): ChecklistRunState {
  return {
    runId: 'r1',
    clusterId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.ContainerService/managedClusters/aks1',
    pathId: 'bastion-jumpbox',
    state,
    checks: Object.keys(results).map((id) => ({ id, title: `Title of ${id}`, hops: ['api-server' as const] })),
    results,
    startedAt: 0,
    rerunning: [],
  };
}

describe('runOutcomeText', () => {
  it('says the counts and names the failed checks', async () => {
    const i18n = await initI18n('en');
    const text = runOutcomeText(i18n.t, run('completed', { a: result('a', 'pass'), b: result('b', 'fail'), c: result('c', 'warn') }));
    expect(text).toMatch(/^Checks finished: 1 passed, 1 with warnings, 1 failed, 0 could not be checked\./);
    expect(text).toContain('Title of b');
    expect(text).not.toContain('Title of a');
  });

  it('says a cancelled run was cancelled, in Japanese', async () => {
    const i18n = await initI18n('ja');
    expect(runOutcomeText(i18n.t, run('cancelled', { a: result('a', 'pass') }))).toBe('チェックをキャンセルしました。');
  });
});
