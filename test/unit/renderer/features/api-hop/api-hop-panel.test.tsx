import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiHopPanel } from '../../../../../src-renderer/features/api-hop';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';

const hop = (namespace: string) => ({
  serverName: 'aks-1.privatelink.japaneast.azmk8s.io',
  username: 'ops@contoso.com',
  groups: ['system:authenticated'],
  namespace,
  freshTokenAfterChallenge: false,
  checks: [
    { id: 'list-pods', verb: 'list', group: '', resource: 'pods', allowed: true, reason: 'allowed by Azure role "Azure Kubernetes Service RBAC Reader"' },
    { id: 'delete-pods', verb: 'delete', group: '', resource: 'pods', allowed: false, reason: null },
  ],
});

async function show(language: 'en' | 'ja', tunnelName: string | undefined, answers: Record<string, (req: unknown) => unknown>) {
  const bridge = fakeBridge(answers);
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ApiHopPanel clusterId={CLUSTER} tunnelName={tunnelName} />
    </I18nextProvider>,
  );
  return bridge;
}

afterEach(cleanup);

describe('ApiHopPanel', () => {
  it('asks once the tunnel is up and shows who the operator is and the matrix with the granting role; a new namespace asks again', async () => {
    const bridge = await show('en', 'aks-api', { 'kubectl.apiHop': (req) => hop((req as { namespace: string }).namespace) });
    await screen.findByTestId('api-hop-identity');
    expect(screen.getByTestId('api-hop-identity').textContent).toBe('Authenticated as ops@contoso.com');
    expect(screen.getByTestId('api-hop-tls').textContent).toContain('aks-1.privatelink.japaneast.azmk8s.io');
    const rows = screen.getByTestId('api-hop-matrix').querySelectorAll('tbody tr');
    expect([...rows].map((r) => [r.getAttribute('data-check'), r.getAttribute('data-allowed')])).toEqual([['list-pods', 'true'], ['delete-pods', 'false']]);
    expect(rows[0]!.textContent).toContain('Azure role "Azure Kubernetes Service RBAC Reader"');
    expect(bridge.calls).toEqual([{ channel: 'kubectl.apiHop', req: { clusterId: CLUSTER, tunnelName: 'aks-api', namespace: 'default' } }]);
    fireEvent.change(screen.getByTestId('api-hop-namespace'), { target: { value: 'payments' } });
    fireEvent.click(screen.getByTestId('api-hop-check'));
    await waitFor(() => expect(screen.getByTestId('api-hop-matrix').querySelector('caption')!.textContent).toContain('payments'));
  });

  it('names a failure by its cause, and says so plainly (ja) when the cluster does not use Entra ID', async () => {
    await show('en', 'aks-api', { 'kubectl.apiHop': () => Promise.reject({ code: 'apihop.tls_name', message: "The API server's certificate is not for aks-1: TLS name mismatch." }) });
    expect((await screen.findByTestId('error-text')).textContent).toContain('TLS name mismatch');
    cleanup();
    await show('ja', 'aks-api', { 'kubectl.apiHop': () => Promise.reject({ code: 'apihop.not_entra', message: 'not entra' }) });
    await screen.findByText(/Microsoft Entra ID を使用していない/);
  });

  it('shows nothing and asks nothing without a tunnel', async () => {
    const bridge = await show('en', undefined, {});
    expect(screen.queryByTestId('api-hop')).toBeNull();
    expect(bridge.calls).toEqual([]);
  });
});
