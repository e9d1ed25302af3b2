import { describe, expect, it } from 'vitest';
import { registerPimHandlers } from '../../../../src-main/ipc/handlers/pim-handlers';
import { IpcRouter } from '../../../../src-main/ipc/router';
import type { GroupPimService, PimService } from '../../../../src-main/services/pim';
import { MemoryLogger } from '../../../support/memory-logger';

const sender = { url: 'app://console/index.html', isMainFrame: true, senderId: '1' };
const CLUSTER = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('PIM handlers', () => {
  it('reach the service only with valid payloads: resource ids, request ids, durations and justification lengths are checked first', async () => {
    const seen: string[] = [];
    const answer = { requestId: 'r', state: 'active', status: 'Provisioned', roleName: 'x', scope: CLUSTER, endsAt: null };
    const pim = {
      access: async () => (seen.push('access'), { eligible: [], active: [], pending: [] }),
      activate: async () => (seen.push('activate'), answer),
      cancel: async () => (seen.push('cancel'), answer),
    } as unknown as PimService;
    const router = new IpcRouter({ isTrustedSender: () => true, log: new MemoryLogger() });
    registerPimHandlers(router, { pim, groups: {} as GroupPimService });
    const bad = [
      await router.dispatch('pim.access', { scopes: ['aks-prod'] }, sender),
      await router.dispatch('pim.access', { scopes: [] }, sender),
      await router.dispatch('pim.activate', { eligibilityId: 'e', durationMinutes: 4 }, sender),
      await router.dispatch('pim.activate', { eligibilityId: 'e', durationMinutes: 60, justification: 'x'.repeat(501) }, sender),
      await router.dispatch('pim.activate', { eligibilityId: 'e', durationMinutes: 60, principalId: 'someone-else' }, sender),
      await router.dispatch('pim.cancel', { requestId: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-000000000001` }, sender),
      await router.dispatch('pim.groupDeactivate', { groupId: 'not-a-guid' }, sender),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(7).fill('ipc.invalid_payload'));
    expect(seen).toEqual([]);
    expect(await router.dispatch('pim.access', { scopes: [CLUSTER] }, sender)).toMatchObject({ ok: true });
    expect(await router.dispatch('pim.activate', { eligibilityId: 'e', durationMinutes: 60, justification: 'INC-1' }, sender)).toMatchObject({ ok: true, data: { state: 'active' } });
    expect(seen).toEqual(['access', 'activate']);
  });
});
