import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../../../../src-main/ipc/contract';
import { CommandInvokeConsole, invokeHistory } from '../../../../../src-renderer/features/command-invoke';
import { initI18n } from '../../../../../src-renderer/i18n';
import type { ClusterSummaryValue } from '../../../../../src-renderer/shell/console-state';
import { CLUSTER_ID } from '../../support/fixtures';

const cluster: ClusterSummaryValue = {
  id: `${CLUSTER_ID}-editor`, name: 'aks-private', subscriptionId: '00000000-0000-0000-0000-000000000001', subscriptionName: 'Platform', resourceGroup: 'rg-spoke', location: 'japaneast',
  isPrivate: true, publicFqdnEnabled: false, fqdn: null, privateFqdn: 'aks-private.privatelink.japaneast.azmk8s.io', privateDnsMode: 'system', privateDnsZoneId: null,
  authorizedIpRanges: [], vnetIntegration: false, apiServerSubnetId: null, runCommandDisabled: false, publicNetworkAccess: 'Disabled', nodeResourceGroup: null, nodeSubnetIds: [], badges: [],
};

type RunAs = { kind: 'operator' | 'cluster-admin'; username: string | null };

/** A bridge that answers command invoke as `runAs` and records the commands sent. */
function fakeBridge(runAs: RunAs) {
  const sent: string[] = [];
  const invoke = new Proxy({}, {
    get: () => async (req: { command: string }) => {
      sent.push(req.command);
      return { ok: true, data: { provisioningState: 'succeeded', exitCode: 0, logs: 'ok', truncated: false, reason: null, runAs } };
    },
  });
  window.aksConsole = { invoke, on: new Proxy({}, { get: () => () => () => undefined }) } as unknown as PreloadApi;
  return sent;
}

async function show(language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  invokeHistory.acknowledge(cluster.id);
  render(<I18nextProvider i18n={i18n}><CommandInvokeConsole cluster={cluster} /></I18nextProvider>);
}

const SCRIPT = 'kubectl get pods -n payments \\\n  -o wide';

describe('CommandInvokeConsole: the command editor and who the command runs as', () => {
  afterEach(() => {
    cleanup();
    window.aksConsole = undefined;
  });

  it('is a multi-line editor: a two-line command is sent whole, Ctrl+Enter runs it, and the history gives it back with its line break', async () => {
    const sent = fakeBridge({ kind: 'operator', username: 'ops.admin@contoso.com' });
    await show();
    const editor = screen.getByRole('textbox', { name: 'Command (kubectl, helm, …)' });
    expect(editor.tagName).toBe('TEXTAREA');
    fireEvent.change(editor, { target: { value: SCRIPT } });
    fireEvent.keyDown(editor, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(sent).toEqual([SCRIPT]));
    fireEvent.change(editor, { target: { value: 'kubectl get nodes' } });
    const historyEntry = await waitFor(() => screen.getAllByRole('button').find((b) => b.textContent === SCRIPT)!);
    fireEvent.click(historyEntry);
    expect((editor as HTMLTextAreaElement).value).toBe(SCRIPT);
  });

  it('says the command ran as the signed-in operator, or as the cluster admin on a local-accounts cluster (en)', async () => {
    fakeBridge({ kind: 'operator', username: 'ops.admin@contoso.com' });
    await show();
    fireEvent.click(screen.getByTestId('invoke-run'));
    expect((await screen.findByTestId('invoke-run-as')).textContent).toBe('Ran as ops.admin@contoso.com (your Microsoft Entra ID identity, under your Kubernetes and Azure RBAC).');
    cleanup();
    fakeBridge({ kind: 'cluster-admin', username: null });
    await show();
    fireEvent.click(screen.getByTestId('invoke-run'));
    expect((await screen.findByTestId('invoke-run-as')).textContent).toBe("Ran with the cluster's admin credentials (the cluster uses local accounts, not Microsoft Entra ID).");
  });

  it('says who the command ran as in Japanese', async () => {
    fakeBridge({ kind: 'operator', username: 'ops.admin@contoso.com' });
    await show('ja');
    fireEvent.click(screen.getByTestId('invoke-run'));
    expect((await screen.findByTestId('invoke-run-as')).textContent).toBe('ops.admin@contoso.com として実行しました (Microsoft Entra ID の ID で、Kubernetes RBAC と Azure RBAC の権限が適用されます)。');
  });
});
