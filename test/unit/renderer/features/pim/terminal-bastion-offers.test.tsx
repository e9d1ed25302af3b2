import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { BastionAccessOffer, TerminalForbiddenOffer } from '../../../../../src-renderer/features/pim';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

const CLUSTER = '/subscriptions/s1/resourceGroups/rg-spoke/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const BASTION = '/subscriptions/s1/resourceGroups/rg-hub/providers/Microsoft.Network/bastionHosts/bas-hub';
const policy = { maxDurationMinutes: 480, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false };
const eligible = (roleName: string, scope: string, scopeName: string) => ({
  eligibilityId: `${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/${roleName.length}`,
  roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${roleName.length}`,
  roleName,
  scope,
  scopeName,
  eligibleUntil: null,
  policy,
});
const WRITER = eligible('Azure Kubernetes Service RBAC Writer', CLUSTER, 'aks-prod');
const DELETE = { verb: 'delete', resource: 'pods', group: '', namespace: 'default' };

async function show(language: 'en' | 'ja', node: React.ReactNode) {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
}

describe('the 403 offer beside a kubectl terminal', () => {
  it('appears for this session\'s 403 only, asks Azure about the cluster main named, and can be dismissed', async () => {
    const bridge = fakeBridge({ 'pim.access': () => ({ eligible: [WRITER], active: [], pending: [] }) });
    await show('en', <TerminalForbiddenOffer sessionId="tab-1" />);
    bridge.emit('pim.terminalForbidden', { sessionId: 'tab-2', clusterId: CLUSTER, forbidden: DELETE });
    expect(screen.queryByTestId('pim-offer')).toBeNull();
    bridge.emit('pim.terminalForbidden', { sessionId: 'tab-1', clusterId: CLUSTER, forbidden: DELETE });
    await waitFor(() => expect(screen.getByTestId('pim-offer').textContent).toContain('You are eligible for Azure Kubernetes Service RBAC Writer on aks-prod'));
    expect(screen.getByTestId('pim-offer').textContent).toContain('The cluster refused to delete pods.');
    expect(bridge.calls.filter((c) => c.channel === 'pim.access').map((c) => c.req)).toEqual([{ scopes: [CLUSTER] }]);
    fireEvent.click(screen.getByTestId('pim-offer-dismiss'));
    expect(screen.queryByTestId('pim-offer')).toBeNull();
  });

  it('for a read refused at the cluster scope, a namespace-scoped Writer is not offered (Japanese)', async () => {
    // Writer at the cluster's own scope cannot list nodes: that needs Cluster Admin.
    const bridge = fakeBridge({ 'pim.access': () => ({ eligible: [WRITER], active: [], pending: [] }) });
    await show('ja', <TerminalForbiddenOffer sessionId="tab-1" />);
    bridge.emit('pim.terminalForbidden', { sessionId: 'tab-1', clusterId: CLUSTER, forbidden: { verb: 'list', resource: 'nodes', group: '', namespace: null } });
    await waitFor(() => expect(screen.getByTestId('pim-offer').textContent).toContain('ここでこの操作を許可するロールの資格がありません'));
    expect(screen.queryByTestId('pim-offer-activate')).toBeNull();
  });
});

describe('the offer after Bastion refused with 403', () => {
  it('names what Bastion needs and lists the roles the operator may activate on the Bastion host and the target', async () => {
    const bridge = fakeBridge({ 'pim.access': () => ({ eligible: [eligible('Reader', BASTION, 'bas-hub')], active: [], pending: [] }) });
    await show('en', <BastionAccessOffer bastionId={BASTION} targetId={CLUSTER} />);
    const offer = screen.getByTestId('pim-bastion-offer');
    expect(offer.textContent).toContain('Bastion bas-hub refused the connection: using Bastion needs Reader (or a stronger role) on the Bastion host and on the target.');
    await waitFor(() => expect(screen.getByTestId('pim-eligible').textContent).toContain('You are eligible for Reader on bas-hub'));
    expect(screen.getByTestId('pim-activate')).toBeDefined();
    await waitFor(() => expect(bridge.calls.filter((c) => c.channel === 'pim.access').map((c) => c.req)).toEqual([{ scopes: [BASTION, CLUSTER] }]));
  });

  it('in Japanese', async () => {
    fakeBridge({ 'pim.access': () => ({ eligible: [], active: [], pending: [] }) });
    await show('ja', <BastionAccessOffer bastionId={BASTION} targetId={CLUSTER} />);
    expect(screen.getByTestId('pim-bastion-offer').textContent).toContain('Bastion bas-hub が接続を拒否しました');
  });
});
