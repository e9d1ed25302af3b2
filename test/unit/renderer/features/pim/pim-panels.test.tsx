import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenOffer, MyAccessPanel } from '../../../../../src-renderer/features/pim';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

const CLUSTER = '/subscriptions/s1/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const WRITER = {
  eligibilityId: `${CLUSTER}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1`,
  roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
  roleName: 'Azure Kubernetes Service RBAC Writer',
  scope: CLUSTER,
  scopeName: 'aks-prod',
  eligibleUntil: null,
  policy: { maxDurationMinutes: 480, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false },
};
const REFUSAL = 'Error from server (Forbidden): pods "web-1" is forbidden: User "ops.admin@contoso.com" cannot delete resource "pods" in API group "" in the namespace "default": User does not have access to the resource in Azure. Update role assignment to allow access.';
const view = (state: string, status: string) => ({ requestId: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/00000000-0000-0000-0000-000000000001`, state, status, roleName: WRITER.roleName, scope: CLUSTER, endsAt: null });

async function show(language: 'en' | 'ja', node: React.ReactNode) {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

describe('the 403 offer', () => {
  it('names the role, offers the eligible one with its policy, refuses an empty justification before sending, then activates', async () => {
    const bridge = fakeBridge({ 'pim.access': () => ({ eligible: [WRITER], active: [], pending: [] }), 'pim.activate': () => view('active', 'Provisioned') });
    await show('en', <ForbiddenOffer output={REFUSAL} clusterId={CLUSTER} />);
    const offer = await screen.findByTestId('pim-offer');
    await waitFor(() => expect(offer.textContent).toContain('You are eligible for Azure Kubernetes Service RBAC Writer on aks-prod (up to 8 h, justification required).'));
    expect(offer.textContent).toContain('The cluster refused to delete pods.');
    fireEvent.click(screen.getByTestId('pim-offer-activate'));
    expect(screen.getByTestId('pim-problem').textContent).toBe('The role\'s policy requires a justification.');
    expect((screen.getByTestId('pim-submit') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('pim-minutes'), { target: { value: '600' } });
    expect(screen.getByTestId('pim-problem').textContent).toBe('The role\'s policy allows at most 480 minutes.');
    fireEvent.change(screen.getByTestId('pim-minutes'), { target: { value: '60' } });
    fireEvent.change(screen.getByTestId('pim-justification'), { target: { value: 'INC-4711' } });
    fireEvent.click(screen.getByTestId('pim-submit'));
    expect((await screen.findByTestId('pim-offer-done')).textContent).toBe('Azure Kubernetes Service RBAC Writer is active. Run the command again.');
    expect(bridge.calls.filter((c) => c.channel === 'pim.activate').map((c) => c.req)).toEqual([{ eligibilityId: WRITER.eligibilityId, durationMinutes: 60, justification: 'INC-4711' }]);
  });

  it('says in Japanese when the eligibility ended before activation, and that nothing was activated', async () => {
    fakeBridge({ 'pim.access': () => ({ eligible: [WRITER], active: [], pending: [] }), 'pim.activate': () => { throw { code: 'pim.eligibility_gone', message: 'gone' }; } });
    await show('ja', <ForbiddenOffer output={REFUSAL} clusterId={CLUSTER} />);
    await waitFor(() => expect(screen.getByTestId('pim-offer').textContent).toContain('aks-prod の Azure Kubernetes Service RBAC Writer の資格があります (最大 8 時間、理由が必要)。'));
    fireEvent.click(screen.getByTestId('pim-offer-activate'));
    fireEvent.change(screen.getByTestId('pim-justification'), { target: { value: '障害対応' } });
    fireEvent.click(screen.getByTestId('pim-submit'));
    expect((await screen.findByTestId('pim-error')).textContent).toContain('何もアクティブ化されていません');
  });

  it('while an MFA role\'s activation waits for the step-up sign-in, Cancel stops the sign-in and the dialog says nothing was activated', async () => {
    const MFA = { ...WRITER, policy: { ...WRITER.policy, mfaRequired: true } };
    let refuse: (e: unknown) => void = () => undefined;
    const bridge = fakeBridge({
      'pim.access': () => ({ eligible: [MFA], active: [], pending: [] }),
      'pim.activate': () => new Promise((_, reject) => { refuse = reject; }),
      'auth.cancel': () => { refuse({ code: 'pim.step_up_cancelled', message: 'not completed' }); return { cancelled: true }; },
    });
    await show('en', <ForbiddenOffer output={REFUSAL} clusterId={CLUSTER} />);
    await waitFor(() => expect(screen.getByTestId('pim-offer').textContent).toContain('multifactor sign-in required'));
    fireEvent.click(screen.getByTestId('pim-offer-activate'));
    fireEvent.change(screen.getByTestId('pim-justification'), { target: { value: 'INC-4711' } });
    fireEvent.click(screen.getByTestId('pim-submit'));
    expect((await screen.findByTestId('pim-step-up')).textContent).toContain('complete the multifactor sign-in there');
    fireEvent.click(screen.getByTestId('pim-dialog-cancel'));
    expect((await screen.findByTestId('pim-error')).textContent).toContain('The multifactor sign-in was not completed. Nothing was activated.');
    expect(screen.getByTestId('pim-dialog')).toBeTruthy();
    expect(bridge.calls.map((c) => c.channel)).toEqual(['pim.access', 'pim.activate', 'auth.cancel']);
  });

  it('shows nothing for output without a 403 and asks Azure nothing', async () => {
    const bridge = fakeBridge({});
    await show('en', <ForbiddenOffer output={'pod "web-1" deleted'} clusterId={CLUSTER} />);
    expect(screen.queryByTestId('pim-offer')).toBeNull();
    expect(bridge.calls).toEqual([]);
  });
});

describe('My access', () => {
  it('asks Azure only when opened; shows time left, warns near the end, deactivates and withdraws', async () => {
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const active = { instanceId: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/i1`, roleDefinitionId: WRITER.roleDefinitionId, roleName: WRITER.roleName, scope: CLUSTER, scopeName: 'aks-prod', startsAt: null, endsAt: soon };
    const pending = view('pending-approval', 'PendingApproval');
    const bridge = fakeBridge({
      'pim.access': () => ({ eligible: [WRITER], active: [active], pending: [pending] }),
      'pim.deactivate': () => view('revoked', 'Revoked'),
      'pim.cancel': () => view('canceled', 'Canceled'),
    });
    await show('en', <MyAccessPanel scopes={[CLUSTER]} />);
    expect(bridge.calls).toEqual([]);
    const panel = screen.getByTestId('my-access') as HTMLDetailsElement;
    panel.open = true;
    fireEvent(panel, new Event('toggle'));
    expect((await screen.findByTestId('pim-expiring')).textContent).toBe('Azure Kubernetes Service RBAC Writer ends in less than 10 minutes. Extend it now if you still need it.');
    expect(screen.getByTestId('pim-left').textContent).toMatch(/^\([45]:\d\d left\)$/);
    expect(screen.getByTestId('pim-pending').textContent).toContain('waiting for approval');
    fireEvent.click(screen.getByTestId('pim-withdraw'));
    await waitFor(() => expect(screen.getByTestId('pim-notice').textContent).toBe('The request for Azure Kubernetes Service RBAC Writer was withdrawn.'));
    fireEvent.click(screen.getByTestId('pim-deactivate'));
    await waitFor(() => expect(screen.getByTestId('pim-notice').textContent).toBe('Azure Kubernetes Service RBAC Writer is deactivated.'));
    expect(bridge.calls.map((c) => c.channel)).toEqual(['pim.access', 'pim.cancel', 'pim.access', 'pim.deactivate', 'pim.access']);
    expect(bridge.calls[3]!.req).toEqual({ instanceId: active.instanceId });
  });
});

describe('My access: the 5-minute minimum', () => {
  it('offers no deactivation for an activation younger than 5 minutes, says from when (ja), and words ARM\'s refusal', async () => {
    const active = { instanceId: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances/i2`, roleDefinitionId: WRITER.roleDefinitionId, roleName: WRITER.roleName, scope: CLUSTER, scopeName: 'aks-prod', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() };
    const old = { ...active, instanceId: `${active.instanceId}-old`, startsAt: new Date(Date.now() - 6 * 60_000).toISOString() };
    const bridge = fakeBridge({
      'pim.access': () => ({ eligible: [WRITER], active: [active, old], pending: [] }),
      'pim.deactivate': () => { throw { code: 'pim.active_too_short', message: 'too soon' }; },
    });
    await show('ja', <MyAccessPanel scopes={[CLUSTER]} initiallyOpen />);
    expect((await screen.findByTestId('pim-deactivate-later')).textContent).toMatch(/^\d{1,2}:\d\d 以降に非アクティブ化できます/);
    expect(screen.getAllByTestId('pim-deactivate')).toHaveLength(1);
    fireEvent.click(screen.getByTestId('pim-deactivate'));
    expect((await screen.findByTestId('pim-error')).textContent).toContain('5 分未満のため');
    expect(bridge.calls.filter((c) => c.channel === 'pim.deactivate').map((c) => c.req)).toEqual([{ instanceId: old.instanceId }]);
  });
});

describe('My access: Entra groups', () => {
  it('asks Graph only when the groups section opens; activates a membership with its policy and says kubectl gets a fresh token (ja)', async () => {
    const group = { eligibilityId: 'g-e1', groupId: '7d1e0b52-3c4f-4a8e-9b6d-2f5a8c1e4d90', groupName: 'aks-default-editors', eligibleUntil: null, policy: { ...WRITER.policy, maxDurationMinutes: 240 } };
    const bridge = fakeBridge({
      'pim.access': () => ({ eligible: [], active: [], pending: [] }),
      'pim.groups': () => ({ eligible: [group], active: [], pending: [] }),
      'pim.groupActivate': () => ({ ...view('active', 'Provisioned'), roleName: 'aks-default-editors', scope: group.groupId }),
    });
    await show('ja', <MyAccessPanel scopes={[CLUSTER]} />);
    const panel = screen.getByTestId('my-access') as HTMLDetailsElement;
    panel.open = true;
    fireEvent(panel, new Event('toggle'));
    const groups = (await screen.findByTestId('pim-groups')) as HTMLDetailsElement;
    expect(bridge.calls.map((c) => c.channel)).toEqual(['pim.access']);
    groups.open = true;
    fireEvent(groups, new Event('toggle'));
    const row = await screen.findByTestId('pim-group-eligible');
    expect(row.textContent).toContain('aks-default-editors のメンバーシップをアクティブ化できます。');
    fireEvent.click(row.querySelector('button')!);
    expect(screen.getByTestId('pim-dialog').textContent).toContain('Entra グループ の aks-default-editors の資格があります (最大 4 時間、理由が必要)');
    fireEvent.change(screen.getByTestId('pim-justification'), { target: { value: 'INC-4711' } });
    fireEvent.click(screen.getByTestId('pim-submit'));
    expect((await screen.findByTestId('pim-group-notice')).textContent).toContain('アクティブ化より前のトークンは再び渡されません');
    expect(bridge.calls.find((c) => c.channel === 'pim.groupActivate')!.req).toEqual({ eligibilityId: 'g-e1', durationMinutes: 60, justification: 'INC-4711' });
  });

  it('lists a membership waiting for approval with a withdraw button, and extends an active one through selfExtend (en)', async () => {
    const groupId = '7d1e0b52-3c4f-4a8e-9b6d-2f5a8c1e4d90';
    const other = 'b4d6f8a0-2c3e-4f7a-9b1d-3f5a7c9e1f23';
    const eligible = [
      { eligibilityId: 'g-e1', groupId, groupName: 'aks-default-editors', eligibleUntil: null, policy: { ...WRITER.policy, justificationRequired: false, maxDurationMinutes: 240 } },
      { eligibilityId: 'g-e2', groupId: other, groupName: 'aks-prod-admins', eligibleUntil: null, policy: { ...WRITER.policy, approvalRequired: true } },
    ];
    const pendingRequest = { requestId: '0d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5', state: 'pending-approval', status: 'PendingApproval', roleName: 'aks-prod-admins', scope: other, endsAt: null };
    let pending = [pendingRequest];
    const bridge = fakeBridge({
      'pim.access': () => ({ eligible: [], active: [], pending: [] }),
      'pim.groups': () => ({ eligible, active: [{ instanceId: 'gi1', groupId, groupName: 'aks-default-editors', endsAt: new Date(Date.now() + 600_000).toISOString() }], pending }),
      'pim.groupCancel': () => { pending = []; return { ...pendingRequest, state: 'canceled', status: 'Canceled' }; },
      'pim.groupExtend': () => ({ ...view('active', 'Provisioned'), roleName: 'aks-default-editors', scope: groupId }),
    });
    await show('en', <MyAccessPanel scopes={[CLUSTER]} initiallyOpen />);
    const groups = (await screen.findByTestId('pim-groups')) as HTMLDetailsElement;
    groups.open = true;
    fireEvent(groups, new Event('toggle'));
    expect((await screen.findByTestId('pim-group-pending')).textContent).toContain('Membership of aks-prod-admins is waiting for approval.');
    expect(screen.queryAllByTestId('pim-group-eligible')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('pim-group-withdraw'));
    expect((await screen.findByTestId('pim-group-notice')).textContent).toBe('The request for membership of aks-prod-admins was withdrawn.');
    await waitFor(() => expect(screen.queryByTestId('pim-group-pending')).toBeNull());
    fireEvent.click(screen.getByTestId('pim-group-extend'));
    fireEvent.change(screen.getByTestId('pim-minutes'), { target: { value: '120' } });
    fireEvent.click(screen.getByTestId('pim-submit'));
    await waitFor(() => expect(screen.getByTestId('pim-group-notice').textContent).toBe('Membership of aks-default-editors is extended.'));
    expect(bridge.calls.filter((c) => c.channel === 'pim.groupCancel' || c.channel === 'pim.groupExtend').map((c) => [c.channel, c.req])).toEqual([
      ['pim.groupCancel', { requestId: pendingRequest.requestId }],
      ['pim.groupExtend', { eligibilityId: 'g-e1', durationMinutes: 120 }],
    ]);
  });
});
