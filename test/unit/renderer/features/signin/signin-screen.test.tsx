import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignInScreen } from '../../../../../src-renderer/features/signin';
import type { AuthStatus } from '../../../../../src-renderer/features/signin/signin-model';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

const base: AuthStatus = { state: 'signed-out', storage: { kind: 'keychain' }, deviceCodeAllowed: true, interactive: { mode: 'browser' } };
const account = { homeAccountId: 'oid.tid', username: 'ops.admin@contoso.com', name: 'Ops Admin', homeTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' };

async function show(language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <SignInScreen />
    </I18nextProvider>,
  );
}

describe('SignInScreen', () => {
  beforeEach(() => {
    window.aksConsole = undefined;
  });
  afterEach(cleanup);

  it('starts a browser sign-in, shows the wait panel with Cancel, then the account, tenants and subscriptions', async () => {
    const bridge = fakeBridge({
      'auth.status': () => base,
      'auth.signIn': () => new Promise(() => undefined),
      'auth.cancel': () => ({ cancelled: true }),
      'auth.accounts': () => ({ accounts: [account], current: account.homeAccountId }),
      'auth.tenants': () => ({ tenants: [{ tenantId: account.homeTenantId, displayName: 'Contoso Operations', allowed: true }, { tenantId: '3a1e8f52-7c64-4f0e-9b7d-1d2a6f0c9e11', displayName: 'Blocked Co', allowed: false }] }),
      'auth.subscriptions': () => ({ subscriptions: [{ subscriptionId: 's1', displayName: 'contoso-prod', state: 'Enabled', tenantId: account.homeTenantId }] }),
    });
    await show();
    fireEvent.click(await screen.findByTestId('signin-browser'));
    // Other calls (status refreshes, the heartbeat) may land in between: look for the one this click makes.
    expect(bridge.calls).toContainEqual({ channel: 'auth.signIn', req: { method: 'interactive' } });
    bridge.emit('auth.state', { ...base, state: 'signing-in', method: 'interactive' });
    fireEvent.click(await screen.findByTestId('signin-cancel'));
    expect(bridge.calls.map((c) => c.channel)).toContain('auth.cancel');

    bridge.emit('auth.state', { ...base, state: 'signed-in', account, tenantId: account.homeTenantId, expiresOn: Date.now() + 3600_000 });
    expect(await screen.findByTestId('account-username')).toHaveProperty('textContent', 'ops.admin@contoso.com');
    expect((await screen.findByTestId('subscription-list')).textContent).toContain('contoso-prod');
    const blocked = screen.getByRole('radio', { name: /Blocked Co/ });
    expect(blocked).toHaveProperty('disabled', true);
    expect(screen.getByText(/not allowed by policy/)).toBeTruthy();
  });

  it('shows the device code with its link and the phishing warning, and Cancel ends it', async () => {
    const bridge = fakeBridge({ 'auth.status': () => ({ ...base, state: 'signing-in', method: 'deviceCode' }), 'auth.cancel': () => ({ cancelled: true }) });
    await show();
    bridge.emit('auth.deviceCode', { userCode: 'ABCD12345', verificationUri: 'https://microsoft.com/devicelogin', expiresOn: Date.now() + 15 * 60_000 });
    expect((await screen.findByTestId('device-code')).textContent).toBe('ABCD12345');
    expect(screen.getByTestId('device-code-uri').textContent).toBe('https://microsoft.com/devicelogin');
    expect(screen.getByText(/Minutes left before the code expires: 1[45]/)).toBeTruthy();
    expect(screen.getByText(/Only enter this code if you started this sign-in yourself/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('signin-cancel'));
    expect(bridge.calls.at(-1)?.channel).toBe('auth.cancel');
  });

  it('warns plainly when tokens are kept in memory only, and disables device code when policy says so (Japanese)', async () => {
    fakeBridge({ 'auth.status': () => ({ ...base, deviceCodeAllowed: false, storage: { kind: 'memory', reason: 'No keychain service (Secret Service) is running in this session.' } }) });
    await show('ja');
    const warning = await screen.findByTestId('storage-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('トークンはメモリ内にのみ保持されています');
    expect(warning.textContent).toContain('Secret Service');
    expect(screen.getByTestId('signin-device')).toHaveProperty('disabled', true);
    expect(screen.getByText(/デバイス コードによるサインインは無効です/)).toBeTruthy();
  });

  it('explains a failed sign-in in its own words, and a renewal need with the account name', async () => {
    fakeBridge({
      'auth.status': () => ({ ...base, state: 'needs-sign-in', account, lastError: { code: 'auth.sign_in_required', message: 'x' } }),
      'auth.signIn': () => Promise.reject({ code: 'auth.device_code_expired', message: 'The device code expired.' }),
    });
    await show();
    expect((await screen.findByTestId('needs-sign-in')).textContent).toContain('ops.admin@contoso.com');
    fireEvent.click(screen.getByTestId('signin-device'));
    const error = await screen.findByText(/device code expired before sign-in finished/);
    expect(error.getAttribute('data-code')).toBe('auth.device_code_expired');
  });

  it.each([
    ['ja', 'needs-sign-in', 'auth.sign_in_required', 'AADSTS53000', 'Intune に登録され'],
    ['en', 'signed-out', 'auth.conditional_access', 'AADSTS53003', 'Entra sign-in logs'],
  ] as const)('names a Conditional Access refusal and what to do about it (%s, %s)', async (language, state, code, aadsts, advice) => {
    fakeBridge({
      'auth.status': () => ({ ...base, state, account, lastError: { code, message: `Sign-in was refused (${aadsts}): Device is not in required device state.`, params: { aadsts, '@then': `aadsts.${aadsts}` } } }),
      'auth.accounts': () => ({ accounts: [account], current: account.homeAccountId }),
    });
    await show(language);
    const error = await screen.findByTestId('signin-error');
    expect(error.textContent).toContain(aadsts);
    expect(error.textContent).toContain(advice);
  });

  it.each([
    ['ja', 'klist でチケットを確認し'],
    ['en', 'Run klist to see your tickets'],
  ] as const)('names the proxy and its reason when the proxy refused sign-in (%s)', async (language, advice) => {
    fakeBridge({
      'auth.status': () => ({
        ...base,
        lastError: {
          code: 'auth.proxy_no_ticket',
          message: 'Sign-in could not pass the proxy proxy.corp.example:8080: it asks for Negotiate (Kerberos), and there is no Kerberos ticket. Run klist to see your tickets, sign in to the domain again (or run kinit), then sign in here again.',
          params: { proxy: 'proxy.corp.example:8080', schemes: 'Negotiate (Kerberos)', scheme: '' },
        },
      }),
      'auth.accounts': () => ({ accounts: [], current: null }),
    });
    await show(language);
    const error = await screen.findByTestId('signin-error');
    expect(error.textContent).toContain('proxy.corp.example:8080');
    expect(error.textContent).toContain('Negotiate (Kerberos)');
    expect(error.textContent).toContain(advice);
  });
});
