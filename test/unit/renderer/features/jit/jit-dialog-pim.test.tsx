import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../../../../src-renderer/features/jit';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

const VM = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1';
const POLICY = { id: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Security/locations/japaneast/jitNetworkAccessPolicies/default', name: 'default', location: 'japaneast', vmIds: [VM], ports: [{ vmId: VM, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [] };
const ROLE = {
  eligibilityId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/e1',
  roleDefinitionId: '/providers/Microsoft.Authorization/roleDefinitions/9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  roleName: 'Virtual Machine Contributor',
  scope: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/hub',
  scopeName: 'hub',
  eligibleUntil: null,
  policy: { maxDurationMinutes: 120, justificationRequired: true, ticketRequired: false, mfaRequired: false, approvalRequired: false },
};

describe('JIT refused for lack of a role', () => {
  it('offers the role the operator is eligible for at the jump box (asked at the VM scope), in Japanese', async () => {
    const bridge = fakeBridge({
      'azure.jitRequest': () => { throw { code: 'azure.forbidden', message: 'Access to the JIT policy was denied (AuthorizationFailed).' }; },
      'pim.access': () => ({ eligible: [ROLE], active: [], pending: [] }),
    });
    const i18n = await initI18n('ja');
    render(<I18nextProvider i18n={i18n}><ActionError error={{ code: 'jit.required', message: 'x' }} jit={{ vmId: VM, vmName: 'jump1', policies: [POLICY], sourceFor: null }} /></I18nextProvider>);
    fireEvent.click(screen.getByTestId('jit-refusal-request'));
    fireEvent.click(screen.getByTestId('jit-submit'));
    await waitFor(() => expect(screen.getByTestId('pim-eligible').textContent).toContain('hub の Virtual Machine Contributor の資格があります (最大 2 時間、理由が必要)'));
    expect(screen.getByTestId('jit-dialog').textContent).toContain('Just-In-Time (JIT) VM アクセスを要求できるロールがありません');
    expect(bridge.calls.find((c) => c.channel === 'pim.access')!.req).toEqual({ scopes: [VM] });
  });
});
