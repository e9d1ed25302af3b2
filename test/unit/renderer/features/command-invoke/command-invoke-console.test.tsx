import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../../../../src-main/ipc/contract';
import { CommandInvokeConsole, invokeHistory } from '../../../../../src-renderer/features/command-invoke';
import { initI18n } from '../../../../../src-renderer/i18n';
import type { ClusterSummaryValue } from '../../../../../src-renderer/shell/console-state';
import { CLUSTER_ID } from '../../support/fixtures';

const cluster: ClusterSummaryValue = {
  id: CLUSTER_ID, name: 'aks-private', subscriptionId: '00000000-0000-0000-0000-000000000001', subscriptionName: 'Platform', resourceGroup: 'rg-spoke', location: 'japaneast',
  isPrivate: true, publicFqdnEnabled: false, fqdn: null, privateFqdn: 'aks-private.privatelink.japaneast.azmk8s.io', privateDnsMode: 'system', privateDnsZoneId: null,
  authorizedIpRanges: [], vnetIntegration: false, apiServerSubnetId: null, runCommandDisabled: false, publicNetworkAccess: 'Disabled', nodeResourceGroup: null, nodeSubnetIds: [], badges: [],
};

/** A bridge that records invokes and answers command invoke with the files it was sent. */
function fakeBridge() {
  const calls: Array<{ channel: string; req: { command: string; files?: Array<{ name: string; contentBase64: string }> } }> = [];
  const invoke = new Proxy({}, {
    get: (_t, channel: string) => async (req: (typeof calls)[number]['req']) => {
      calls.push({ channel, req });
      const logs = (req.files ?? []).map((f) => `${f.name}: ${Buffer.from(f.contentBase64, 'base64').toString()}`).join('\n');
      return { ok: true, data: { provisioningState: 'succeeded', exitCode: 0, logs, truncated: false, reason: null, runAs: { kind: 'cluster-admin', username: null } } };
    },
  });
  window.aksConsole = { invoke, on: new Proxy({}, { get: () => () => () => undefined }) } as unknown as PreloadApi;
  return calls;
}

async function show(language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}><CommandInvokeConsole cluster={cluster} /></I18nextProvider>);
  invokeHistory.acknowledge(cluster.id);
}

async function pick(...files: File[]) {
  const input = screen.getByTestId('invoke-attach');
  await act(async () => {
    fireEvent.change(input, { target: { files } });
  });
  await waitFor(() => expect(input).not.toHaveProperty('disabled', true));
}

const commandBox = () => document.querySelector('.command-box code')!.textContent!;

describe('CommandInvokeConsole: attached files', () => {
  afterEach(() => {
    cleanup();
    window.aksConsole = undefined;
  });

  it('attaches files through a labelled native picker, lists them with size, and adds --file to the az command', async () => {
    fakeBridge();
    await show();
    const input = screen.getByLabelText('Attach files');
    expect(input).toMatchObject({ type: 'file', multiple: true });
    await pick(new File(['kind: Namespace\n'], 'ns.yaml'), new File(['x'.repeat(2048)], 'my values.yaml'));
    const list = screen.getByRole('list', { name: 'Attached files' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['ns.yaml 16 B Remove', 'my values.yaml 2.0 KiB Remove']);
    expect(screen.getByTestId('invoke-files-total').textContent).toContain('2 attached, 2.0 KiB of 2.00 MiB; at most 20 files.');
    expect(commandBox()).toMatch(/--command 'kubectl get nodes -o wide' --file ns\.yaml --file 'my values\.yaml'$/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove ns.yaml' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(commandBox()).not.toContain('ns.yaml');
  });

  it('sends the files with the command and keeps only their names in the history', async () => {
    const calls = fakeBridge();
    await show();
    fireEvent.change(screen.getByTestId('invoke-command'), { target: { value: 'cat notes.txt' } });
    await pick(new File(['hello from a file'], 'notes.txt'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('invoke-run'));
    });
    await waitFor(() => expect(screen.getByTestId('invoke-output').textContent).toBe('notes.txt: hello from a file'));
    expect(calls.at(-1)!.req).toEqual({ clusterId: CLUSTER_ID, command: 'cat notes.txt', files: [{ name: 'notes.txt', contentBase64: Buffer.from('hello from a file').toString('base64') }] });
    expect(invokeHistory.list(CLUSTER_ID)[0]).toMatchObject({ command: 'cat notes.txt', files: ['notes.txt'] });
    expect(JSON.stringify(invokeHistory.list(CLUSTER_ID))).not.toContain('hello from a file');
    expect(screen.getByTestId('invoke-history-files').textContent).toContain('files: notes.txt');
  });

  it('shows duplicate names, too many and too large before sending, and will not run until they are fixed', async () => {
    const calls = fakeBridge();
    await show();
    await pick(new File(['a'], 'Deploy.yaml'), new File(['b'], 'deploy.yaml'));
    const problems = () => [...screen.getByTestId('invoke-file-problems').querySelectorAll('li')].map((li) => li.getAttribute('data-problem'));
    expect(problems()).toEqual(['duplicate']);
    expect(screen.getByTestId('invoke-file-problems').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('invoke-run')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove deploy.yaml' }));
    expect(screen.queryByTestId('invoke-file-problems')).toBeNull();
    expect(screen.getByTestId('invoke-run')).toHaveProperty('disabled', false);

    await pick(...Array.from({ length: 20 }, (_, i) => new File(['x'], `f${i}.txt`)));
    expect(problems()).toEqual(['too-many']);
    expect(screen.getByTestId('invoke-file-problems').textContent).toContain('21 files are attached; command invoke takes at most 20');
    cleanup();

    await show();
    const big = new File(['x'], 'big.bin');
    Object.defineProperty(big, 'size', { value: 3 * 1024 * 1024 });
    await pick(big);
    expect(problems()).toEqual(['too-large']);
    expect(screen.getByTestId('invoke-file-problems').textContent).toContain('3.00 MiB; command invoke takes at most 2.00 MiB');
    expect(screen.getByTestId('invoke-run')).toHaveProperty('disabled', true);
    expect(calls).toEqual([]);
  });

  it('speaks Japanese', async () => {
    fakeBridge();
    await show('ja');
    expect(screen.getByLabelText('ファイルを添付')).toMatchObject({ type: 'file' });
    await pick(new File(['a'], 'a.yaml'), new File(['b'], 'A.yaml'));
    expect(screen.getByTestId('invoke-file-problems').textContent).toContain('A.yaml という名前のファイルが複数あります');
    expect(screen.getByRole('button', { name: 'a.yaml を削除' })).toBeTruthy();
  });
});
