import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { JitAction } from '../../../../../src-renderer/features/jit';
import { sourceProblem } from '../../../../../src-renderer/features/jit/jit-policy';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const VM = `${SUB}/resourceGroups/hub/providers/Microsoft.Compute/virtualMachines/jump1`;
const CLUSTER = `${SUB}/resourceGroups/spoke/providers/Microsoft.ContainerService/managedClusters/aks1`;
const POLICY = { id: `${SUB}/resourceGroups/hub/providers/Microsoft.Security/locations/japaneast/jitNetworkAccessPolicies/default`, name: 'default', location: 'japaneast', vmIds: [VM], ports: [{ vmId: VM, number: 22, protocol: '*', maxRequestAccessDuration: 'PT3H' }], openRequests: [] };
const BASTION = { source: '10.0.1.0/26', code: 'bastion-subnet', params: { prefix: '10.0.1.0/26', bastion: 'bas-hub' } };

async function openDialog(language: 'en' | 'ja', answers: Record<string, (req: unknown) => unknown>) {
  const bridge = fakeBridge(answers);
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}><JitAction vmId={VM} vmName="jump1" policies={[POLICY]} sourceFor={{ clusterId: CLUSTER, pathId: 'bastion-jumpbox' }} /></I18nextProvider>);
  fireEvent.click(screen.getByTestId('jit-open-dialog'));
  return bridge;
}

describe('the JIT dialog takes its source from main, per path', () => {
  it('on the Bastion path pre-fills the AzureBastionSubnet prefix main chose, says why in Japanese, and requests it', async () => {
    const bridge = await openDialog('ja', {
      'azure.jitSource': () => BASTION,
      'azure.jitRequest': () => ({ status: 'Initiated', endTimeUtc: new Date(Date.now() + 3_600_000).toISOString(), policyId: POLICY.id }),
    });
    await waitFor(() => expect((screen.getByTestId('jit-source') as HTMLInputElement).value).toBe('10.0.1.0/26'));
    expect(bridge.calls.find((c) => c.channel === 'azure.jitSource')!.req).toEqual({ clusterId: CLUSTER, pathId: 'bastion-jumpbox' });
    const why = screen.getByTestId('jit-source-why').textContent!;
    expect(why).toContain('AzureBastionSubnet 10.0.1.0/26');
    expect(why).toContain('bas-hub');
    expect(why).toContain('パブリック IP ではなく');
    fireEvent.click(screen.getByTestId('jit-submit'));
    await waitFor(() => expect(bridge.calls.some((c) => c.channel === 'azure.jitRequest')).toBe(true));
    expect(bridge.calls.find((c) => c.channel === 'azure.jitRequest')!.req).toMatchObject({ vmId: VM, port: 22, sourceIp: '10.0.1.0/26' });
  });

  it('refuses a source the operator edited into something invalid with a clear error, and sends nothing', async () => {
    const bridge = await openDialog('en', { 'azure.jitSource': () => BASTION });
    await waitFor(() => expect((screen.getByTestId('jit-source') as HTMLInputElement).value).toBe('10.0.1.0/26'));
    fireEvent.change(screen.getByTestId('jit-source'), { target: { value: '10.0.1.0/40' } });
    fireEvent.click(screen.getByTestId('jit-submit'));
    expect(await screen.findByTestId('jit-source-problem')).toHaveProperty('textContent', '"10.0.1.0/40" is not an IP address or a CIDR range (such as 10.0.1.0/26). Nothing was sent.');
    fireEvent.change(screen.getByTestId('jit-source'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('jit-submit'));
    expect((await screen.findByTestId('jit-source-problem')).textContent).toContain('Enter the source address or range');
    expect(bridge.calls.filter((c) => c.channel === 'azure.jitRequest')).toEqual([]);
  });

  it('keeps the field empty and says what to enter when main cannot tell the source', async () => {
    await openDialog('en', { 'azure.jitSource': () => ({ source: null, code: 'on-premises-unknown', params: {} }) });
    await waitFor(() => expect(screen.getByTestId('jit-source-why').getAttribute('data-code')).toBe('on-premises-unknown'));
    expect((screen.getByTestId('jit-source') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('jit-source-why').textContent).toContain('Enter your on-premises range');
  });
});

describe('sourceProblem', () => {
  it.each([
    ['10.0.1.0/26', undefined], ['203.0.113.10', undefined], ['2001:db8::/48', undefined], ['2001:db8::1', undefined],
    ['10.0.1.0/33', 'invalid'], ['10.0.1.256', 'invalid'], ['10.0.1', 'invalid'], ['*', 'invalid'], ['10.0.1.0/26/1', 'invalid'], ['a.b.c.d', 'invalid'], ['2001:db8::/129', 'invalid'],
  ])('%s → %s', (value, problem) => expect(sourceProblem(value, true)).toBe(problem));
  it('an empty source is a problem only where the path needs one', () => {
    expect(sourceProblem('', true)).toBe('required');
    expect(sourceProblem('', false)).toBeUndefined();
  });
});
