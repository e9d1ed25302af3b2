import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ClustersScreen } from '../../../../src-renderer/features/clusters';
import { initI18n } from '../../../../src-renderer/i18n';
import { ConsoleStateProvider } from '../../../../src-renderer/shell/console-state';
import { StatusArea } from '../../../../src-renderer/shell/status-area';
import { SignInExpiredBanner } from '../../../../src-renderer/ui/sign-in-expired-banner';
import { fakeBridge } from '../support/fake-bridge';

afterEach(cleanup);

const account = { homeAccountId: 'oid.tid', username: 'ops.admin@contoso.com', name: 'Ops Admin', tenantId: 'tid' };
const signedIn = { state: 'signed-in', account };
const expired = { state: 'needs-sign-in', account, lastError: { code: 'auth.sign_in_required', message: 'Your sign-in has expired or needs to be renewed. Sign in again.' } };
/** The last good inventory main serves after the sign-in expired (seven clusters kept, as of 13:02). */
const stale = {
  tenantId: 't1',
  asOf: new Date(2026, 11, 7, 13, 2).toISOString(),
  source: 'resource-graph',
  fromCache: true,
  signInExpired: true,
  clusters: [],
  subscriptions: [{ subscriptionId: '00000000-0000-0000-0000-000000000001', displayName: 'Team 001', state: 'Enabled', access: 'ok', reason: null }],
  warnings: [],
};

// One bridge for the file: the sign-in state store subscribes once, as in the app.
const bridge = fakeBridge({ 'auth.status': () => signedIn, 'azure.inventory': () => stale });

describe.each(['en', 'ja'] as const)('an expired sign-in, in %s', (lang) => {
  it('the status bar, the banner with its one action, and the inventory marked stale with its time', async () => {
    const i18n = await initI18n(lang);
    const signIns: number[] = [];
    render(
      <I18nextProvider i18n={i18n}>
        <ConsoleStateProvider initialArea="clusters">
          <SignInExpiredBanner onSignIn={() => signIns.push(1)} />
          <ClustersScreen />
          <StatusArea />
        </ConsoleStateProvider>
      </I18nextProvider>,
    );
    bridge.emit('auth.state', signedIn);
    expect(screen.getByTestId('status-text').textContent).toBe(i18n.t('status.ready'));
    expect(screen.queryByTestId('sign-in-expired')).toBeNull();

    bridge.emit('auth.state', expired);
    expect(screen.getByTestId('status-text').textContent).toBe(i18n.t('status.signInExpired'));
    expect(screen.getByTestId('status-text').textContent).not.toBe(i18n.t('status.ready'));
    const banner = screen.getByTestId('sign-in-expired');
    expect(banner.textContent).toContain('ops.admin@contoso.com');
    expect(banner.textContent).toContain(i18n.t('ui.signInExpired.action'));
    fireEvent.click(screen.getByTestId('sign-in-again'));
    expect(signIns).toEqual([1]);

    const staleLine = await screen.findByTestId('inventory-stale');
    expect(staleLine.textContent).toMatch(/13:02/);
    expect(screen.getByTestId('inventory-status').textContent).not.toContain(i18n.t('clusters.fromCache'));

    const refreshesBefore = bridge.calls.filter((c) => c.channel === 'azure.inventory' && (c.req as { refresh?: boolean }).refresh).length;
    bridge.emit('auth.state', signedIn);
    expect(screen.queryByTestId('sign-in-expired')).toBeNull();
    expect(screen.getByTestId('status-text').textContent).toBe(i18n.t('status.ready'));
    // Signed in again: the stale list is refreshed once, without a click.
    await waitFor(() => expect(bridge.calls.filter((c) => c.channel === 'azure.inventory' && (c.req as { refresh?: boolean }).refresh).length).toBe(refreshesBefore + 1));
  });
});
