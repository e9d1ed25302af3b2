import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChecklistScreen } from '../../../../../src-renderer/features/checklist';
import { initI18n } from '../../../../../src-renderer/i18n';
import { ConsoleStateProvider, useConsole } from '../../../../../src-renderer/shell/console-state';
import { CLUSTER_ID, result } from '../../support/fixtures';
import { fakeBridge } from '../../support/fake-bridge';

const RUN_ID = '0f6c2a1e-5b7d-4c3e-8a9f-1d2e3f4a5b6c';
const CHECKS = [
  { id: 'vnet-peering', title: 'VNet peering to the cluster VNet, both ways', hops: ['peering' as const] },
  { id: 'private-dns-link', title: 'Private DNS zone linked to the jump-box VNet', hops: ['dns' as const] },
];

/** Puts a finished run (peering failing, DNS link passing) into the shared state, as the wizard would. */
function FinishedRun() {
  const { dispatchRun } = useConsole();
  useEffect(() => {
    dispatchRun({ type: 'started', runId: RUN_ID, clusterId: CLUSTER_ID, pathId: 'bastion-jumpbox', checks: CHECKS, at: 0 });
    dispatchRun({ type: 'result', runId: RUN_ID, result: result('vnet-peering', 'fail', CHECKS[0]!.title) });
    dispatchRun({ type: 'result', runId: RUN_ID, result: result('private-dns-link', 'pass', CHECKS[1]!.title) });
    dispatchRun({ type: 'finished', runId: RUN_ID, state: 'completed' });
  }, [dispatchRun]);
  return null;
}

async function show(language: 'en' | 'ja') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ConsoleStateProvider initialArea="checklist">
        <FinishedRun />
        <ChecklistScreen />
      </ConsoleStateProvider>
    </I18nextProvider>,
  );
}

const row = (id: string) => screen.getByTestId('checklist').querySelector<HTMLElement>(`li[data-check="${id}"]`)!;

describe('ChecklistScreen: re-run one check', () => {
  beforeEach(() => {
    window.aksConsole = undefined;
  });
  afterEach(cleanup);

  it.each([
    ['en', 'Re-run the check: VNet peering to the cluster VNet, both ways', 'Re-run'],
    ['ja', 'このチェックを再実行: クラスターの仮想ネットワークとの双方向の仮想ネットワーク ピアリング', '再実行'],
  ] as const)('re-runs only that check from its row button, named after the check (%s)', async (language, accessibleName, visible) => {
    const bridge = fakeBridge({ 'checklist.rerun': (req) => ({ runId: RUN_ID, checkIds: (req as { checkIds: string[] }).checkIds }) });
    await show(language);
    const button = await screen.findByRole('button', { name: accessibleName });
    expect(button.textContent).toBe(visible);
    expect(button.tagName).toBe('BUTTON');
    expect(within(row('vnet-peering')).getByText(accessibleName.split(': ')[1]!)).toBeTruthy();

    button.focus();
    fireEvent.click(button);
    expect(bridge.calls.at(-1)).toEqual({ channel: 'checklist.rerun', req: { runId: RUN_ID, checkIds: ['vnet-peering'] } });
    expect(row('vnet-peering').dataset.status).toBe('running');
    expect(row('private-dns-link').dataset.status).toBe('pass');
    expect(document.activeElement).toBe(button);
    for (const b of screen.getAllByTestId('check-rerun')) expect(b.getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(within(row('private-dns-link')).getByTestId('check-rerun'));
    expect(bridge.calls.filter((c) => c.channel === 'checklist.rerun')).toHaveLength(1);

    bridge.emit('checklist.result', { runId: RUN_ID, result: result('vnet-peering', 'pass', CHECKS[0]!.title) });
    bridge.emit('checklist.finished', { runId: RUN_ID, state: 'completed', summary: { pass: 2, warn: 0, fail: 0, skip: 0, error: 0 } });
    expect(row('vnet-peering').dataset.status).toBe('pass');
    expect(button.getAttribute('aria-disabled')).toBe('false');
  });

  it('puts the row back and shows the coded error when main refuses the re-run', async () => {
    fakeBridge({
      'checklist.rerun': () => {
        throw { code: 'checklist.unknown_run', message: 'That checklist run is not known (it may be too old).' };
      },
    });
    await show('en');
    fireEvent.click(await screen.findByRole('button', { name: /^Re-run the check: VNet peering/ }));
    expect((await screen.findByTestId('error-text')).dataset.code).toBe('checklist.unknown_run');
    expect(row('vnet-peering').dataset.status).toBe('fail');
  });

  it('exports in the operator\'s language: the export request carries the Japanese words, and the preview shows what main wrote', async () => {
    const bridge = fakeBridge({ 'checklist.export': () => ({ fileName: 'checklist-aks.md', mimeType: 'text/markdown', content: '# 接続チェックリスト' }) });
    await show('ja');
    fireEvent.click(await screen.findByRole('button', { name: 'Markdown でエクスポート' }));
    expect(await screen.findByTestId('checklist-export')).toBeTruthy();
    const sent = bridge.calls.find((c) => c.channel === 'checklist.export')!.req as { runId: string; format: string; wording: { language: string; labels: { heading: string }; titles: Record<string, string>; statuses: Record<string, string> } };
    expect(sent).toMatchObject({ runId: RUN_ID, format: 'markdown', wording: { language: 'ja', labels: { heading: '接続チェックリスト' }, statuses: { fail: '不合格' } } });
    expect(sent.wording.titles['vnet-peering']).toBe('クラスターの仮想ネットワークとの双方向の仮想ネットワーク ピアリング');
  });

  it('notes in Japanese, once, that names and commands stay verbatim; not in English', async () => {
    fakeBridge({});
    await show('ja');
    await screen.findByTestId('checklist');
    expect(screen.getAllByTestId('evidence-language-note')).toHaveLength(1);
    cleanup();
    await show('en');
    await screen.findByTestId('checklist');
    expect(screen.queryByTestId('evidence-language-note')).toBeNull();
  });
});
