import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { EffectiveProxy } from '../../../../../src-renderer/features/settings/effective-proxy';
import { initI18n } from '../../../../../src-renderer/i18n';
import { setKeychainPlatform } from '../../../../../src-renderer/ui/keychain-name';
import { fakeBridge } from '../../support/fake-bridge';

afterEach(() => {
  cleanup();
  setKeychainPlatform(undefined);
});

const auth = { schemes: ['negotiate', 'ntlm', 'basic'], allowBasic: false };
const policyProxy = { source: 'policy', mode: 'fixed', proxy: 'http://proxy.corp:8080', pacUrl: null, noProxy: ['.corp.example'], sample: { host: 'management.azure.com', via: 'proxy.corp:8080' }, auth };
const osPac = { source: 'policy', mode: 'system', proxy: null, pacUrl: 'https://pac.corp.example/proxy.pac', noProxy: [], sample: { host: 'management.azure.com', via: 'direct' }, auth };

async function show(language: 'en' | 'ja', platform = 'win32') {
  const i18n = await initI18n(language);
  act(() => setKeychainPlatform(platform));
  render(<I18nextProvider i18n={i18n}><EffectiveProxy /></I18nextProvider>);
  return screen.findByTestId('effective-proxy');
}

describe('the proxy in use on the settings screen', () => {
  it('shows the address, where it comes from, the bypass list and the route to ARM, with next steps for a 407', async () => {
    fakeBridge({ 'proxy.effective': () => policyProxy });
    const section = await show('en');
    expect(screen.getByTestId('proxy-source').textContent).toBe("Your organisation's policy");
    expect(screen.getByTestId('proxy-address').textContent).toBe('http://proxy.corp:8080');
    expect(section.textContent).toContain('.corp.example');
    expect(screen.getByTestId('proxy-route').textContent).toBe('proxy proxy.corp:8080');
    const steps = screen.getByTestId('proxy-auth-steps').textContent!;
    expect(steps).toContain('Negotiate (Kerberos), NTLM, in that order');
    expect(steps).not.toContain('Basic,');
    expect(steps).toContain('klist');
    expect(steps).toContain('keeps them in the Windows Credential Manager');
  });

  it('forgets the stored password of the proxy in the route on request, and says so', async () => {
    const bridge = fakeBridge({ 'proxy.effective': () => policyProxy, 'proxy.forgetCredential': () => ({ removed: true }) });
    await show('en');
    fireEvent.click(screen.getByTestId('proxy-forget'));
    expect((await screen.findByText('The stored password for proxy.corp:8080 was removed.')).textContent).toBeTruthy();
    expect(bridge.calls.find((c) => c.channel === 'proxy.forgetCredential')?.req).toEqual({ proxy: 'proxy.corp:8080' });
  });

  it('speaks Japanese: a PAC script from policy, the route direct, no forget button, the keychain by its macOS name', async () => {
    fakeBridge({ 'proxy.effective': () => osPac });
    const section = await show('ja', 'darwin');
    expect(screen.getByTestId('proxy-source').textContent).toBe('組織のポリシー');
    expect(screen.getByTestId('proxy-address').textContent).toBe('OS の設定または PAC スクリプトが宛先ごとに決めます');
    expect(section.textContent).toContain('https://pac.corp.example/proxy.pac');
    expect(screen.getByTestId('proxy-route').textContent).toBe('なし (直接)');
    expect(screen.queryByTestId('proxy-forget')).toBeNull();
    expect(screen.getByTestId('proxy-auth-steps').textContent).toContain('macOS のキーチェーンに保存し');
  });
});
