import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadinessPanel } from '../../../../../src-renderer/features/readiness';
import { initI18n } from '../../../../../src-renderer/i18n';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(cleanup);

const blank = { host: null, via: null, httpStatus: null, elapsedMs: null, skewSeconds: null, detail: null };
const report = {
  checkedAt: '2026-11-29T12:00:00.000Z',
  results: [
    { ...blank, id: 'entra', status: 'pass', code: 'reachable', host: 'login.microsoftonline.com', via: 'proxy.corp:8080', httpStatus: 200, elapsedMs: 84 },
    { ...blank, id: 'arm', status: 'fail', code: 'proxy-refused', host: 'management.azure.com', via: 'proxy.corp:8080', detail: 'the proxy refused the tunnel to management.azure.com:443 (HTTP 403 Forbidden)' },
    { ...blank, id: 'egress-ip', status: 'skip', code: 'not-configured' },
    { ...blank, id: 'clock', status: 'warn', code: 'clock-skewed', skewSeconds: 420 },
  ],
};

async function show(language: 'en' | 'ja') {
  const i18n = await initI18n(language);
  render(<I18nextProvider i18n={i18n}><ReadinessPanel /></I18nextProvider>);
}

describe('ReadinessPanel', () => {
  it('runs the check on request and explains each result with status in words, host and route', async () => {
    const bridge = fakeBridge({ 'readiness.run': () => report });
    await show('en');
    expect(screen.queryByTestId('readiness-results')).toBeNull();
    fireEvent.click(screen.getByTestId('readiness-run'));
    const table = await screen.findByTestId('readiness-results');
    expect(bridge.calls.map((c) => c.channel)).toEqual(['readiness.run']);
    const arm = within(table).getByText('Azure Resource Manager').closest('tr')!;
    expect(arm.textContent).toContain('Fail');
    expect(arm.textContent).toContain('proxy proxy.corp:8080');
    expect(arm.textContent).toContain('add management.azure.com to the proxy allow-list');
    expect(arm.textContent).toContain('HTTP 403 Forbidden');
    const clock = table.querySelector('tr[data-check="clock"]')!;
    expect(clock.textContent).toContain('420 s off');
    expect(table.querySelector('tr[data-check="egress-ip"]')!.textContent).toContain('Not configured');
  });

  it('speaks Japanese, with the same facts filled in', async () => {
    fakeBridge({ 'readiness.run': () => report });
    await show('ja');
    fireEvent.click(screen.getByTestId('readiness-run'));
    const table = await screen.findByTestId('readiness-results');
    const arm = table.querySelector('tr[data-check="arm"]')!;
    expect(arm.textContent).toContain('management.azure.com をプロキシの許可リストに追加');
    expect(table.textContent).not.toMatch(/\{\{|readiness\./);
  });

  it('shows a coded error when the check cannot run, and the button works again', async () => {
    fakeBridge({ 'readiness.run': () => Promise.reject({ code: 'lock.locked', message: 'The console is locked' }) });
    await show('en');
    fireEvent.click(screen.getByTestId('readiness-run'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('lock.locked'));
    expect((screen.getByTestId('readiness-run') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('ReadinessPanel: a proxy that asks for a password', () => {
  const needsPassword = {
    checkedAt: '2026-11-29T12:00:00.000Z',
    results: [
      { ...blank, id: 'entra', status: 'fail', code: 'proxy-auth-required', host: 'login.microsoftonline.com', via: 'proxy.corp:8080', detail: 'the proxy refused the tunnel', proxyAuth: { offered: ['ntlm', 'basic'], scheme: 'ntlm', reason: 'no-credentials' } },
    ],
  };

  it('names the schemes, asks once for the credential, sends it for that proxy and checks again', async () => {
    const bridge = fakeBridge({ 'readiness.run': () => needsPassword, 'proxy.saveCredential': () => ({ saved: true }) });
    await show('en');
    fireEvent.click(screen.getByTestId('readiness-run'));
    const table = await screen.findByTestId('readiness-results');
    expect(table.querySelector('tr[data-check="entra"]')!.textContent).toContain('The proxy asks for NTLM, Basic, which needs a user name and password');
    fireEvent.change(screen.getByTestId('proxy-credential-username'), { target: { value: 'CORP\\op' } });
    fireEvent.change(screen.getByTestId('proxy-credential-password'), { target: { value: 'pw-1' } });
    fireEvent.click(within(screen.getByTestId('proxy-credential')).getByRole('button'));
    await waitFor(() => expect(bridge.calls.map((c) => c.channel)).toEqual(['readiness.run', 'proxy.saveCredential', 'readiness.run']));
    expect(bridge.calls[1]!.req).toEqual({ proxy: 'proxy.corp:8080', username: 'CORP\\op', password: 'pw-1' });
  });

  it('offers no password form when the proxy asked for Negotiate only', async () => {
    const negotiate = { ...needsPassword, results: [{ ...needsPassword.results[0]!, proxyAuth: { offered: ['negotiate'], scheme: 'negotiate', reason: 'no-ticket' } }] };
    fakeBridge({ 'readiness.run': () => negotiate });
    await show('ja');
    fireEvent.click(screen.getByTestId('readiness-run'));
    const table = await screen.findByTestId('readiness-results');
    expect(table.textContent).toContain('klist');
    expect(screen.queryByTestId('proxy-credential')).toBeNull();
  });
});
