import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnownHostsPanel } from '../../../../../src-renderer/features/host-keys';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

async function show(language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <KnownHostsPanel />
    </I18nextProvider>,
  );
}

afterEach(() => {
  cleanup();
  delete window.aksConsole;
});

const WILDCARDS = { code: 'hostkeys.wildcards_unconfirmed', message: 'This file trusts keys for more than one named host: *  @revoked old. Nothing was imported; confirm to import these lines too.' };

describe('KnownHostsPanel', () => {
  it('asks main for a file (never names one), shows the wildcard lines main refused, and imports them only when confirmed', async () => {
    const bridge = fakeBridge({
      'hostkeys.list': () => [],
      'hostkeys.importKnownHosts': (req) => {
        if ((req as { confirmWildcards?: boolean }).confirmWildcards !== true) throw WILDCARDS;
        return { imported: 2, skipped: 0 };
      },
    });
    await show();
    fireEvent.click(await screen.findByTestId('import-known-hosts-file'));
    const warning = await screen.findByTestId('known-hosts-wildcards');
    expect(warning.textContent).toContain('*  @revoked old');
    expect(screen.queryByTestId('error-text')).toBeNull();
    fireEvent.click(screen.getByTestId('confirm-wildcards'));
    await screen.findByText('Imported 2 keys, skipped 0.');
    expect(bridge.calls.filter((c) => c.channel === 'hostkeys.importKnownHosts').map((c) => c.req)).toEqual([{ target: 'pick' }, { target: 'pick', confirmWildcards: true }]);
  });

  it('says nothing when the operator cancels the dialog, in Japanese too', async () => {
    const bridge = fakeBridge({ 'hostkeys.list': () => [], 'hostkeys.importKnownHosts': () => { throw { code: 'files.cancelled', message: 'No file was chosen' }; } });
    await show('ja');
    fireEvent.click(await screen.findByText('ファイルを選んでインポート…'));
    await vi.waitFor(() => expect(bridge.calls.map((c) => c.channel)).toContain('hostkeys.importKnownHosts'));
    await act(async () => undefined);
    expect(screen.queryByTestId('error-text')).toBeNull();
    expect(screen.queryByTestId('known-hosts-wildcards')).toBeNull();
  });
});
