import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src-renderer/i18n';
import { keychainKind, setKeychainPlatform, useKeychainName } from '../../../../src-renderer/ui/keychain-name';
import { AreaIntro } from '../../../../src-renderer/ui/area-intro';
import { ReadinessPanel } from '../../../../src-renderer/features/readiness';
import { fakeBridge } from '../support/fake-bridge';

afterEach(() => {
  cleanup();
  setKeychainPlatform(undefined);
});

function Name() {
  return <span data-testid="name">{useKeychainName()}</span>;
}

async function show(language: 'en' | 'ja', platform: string | undefined) {
  const i18n = await initI18n(language);
  act(() => setKeychainPlatform(platform));
  render(<I18nextProvider i18n={i18n}><Name /><AreaIntro area="signin" /></I18nextProvider>);
  return screen.getByTestId('name').textContent;
}

describe('the keychain, named as the OS names it', () => {
  it('maps process.platform to the OS store', () => {
    expect([keychainKind('win32'), keychainKind('darwin'), keychainKind('linux'), keychainKind('freebsd'), keychainKind(undefined)]).toEqual([
      'windows', 'macos', 'secret-service', 'secret-service', 'generic',
    ]);
  });

  it.each([
    ['en', 'win32', 'Windows Credential Manager'],
    ['en', 'darwin', 'macOS Keychain'],
    ['en', 'linux', 'Secret Service (GNOME Keyring or KWallet)'],
    ['en', undefined, 'OS keychain'],
    ['ja', 'win32', 'Windows 資格情報マネージャー'],
    ['ja', 'darwin', 'macOS のキーチェーン'],
    ['ja', 'linux', 'Secret Service (GNOME Keyring または KWallet)'],
    ['ja', undefined, 'OS のキーチェーン'],
  ] as const)('in %s on %s: %s, also inside sentences', async (language, platform, expected) => {
    expect(await show(language, platform)).toBe(expected);
    expect(document.querySelector('.area-intro p')!.textContent).toContain(expected);
  });

  it('follows a platform that arrives after the first render', async () => {
    const i18n = await initI18n('ja');
    render(<I18nextProvider i18n={i18n}><Name /></I18nextProvider>);
    expect(screen.getByTestId('name').textContent).toBe('OS のキーチェーン');
    act(() => setKeychainPlatform('win32'));
    expect(screen.getByTestId('name').textContent).toBe('Windows 資格情報マネージャー');
  });

  it('words the workstation check’s keychain row with the OS’s own name', async () => {
    const blank = { host: null, via: null, httpStatus: null, elapsedMs: null, skewSeconds: null, detail: null };
    fakeBridge({ 'readiness.run': () => ({ checkedAt: '2026-12-07T12:00:00.000Z', results: [{ ...blank, id: 'keychain', status: 'fail', code: 'keychain-unavailable' }] }) });
    const i18n = await initI18n('ja');
    act(() => setKeychainPlatform('win32'));
    render(<I18nextProvider i18n={i18n}><ReadinessPanel /></I18nextProvider>);
    fireEvent.click(screen.getByTestId('readiness-run'));
    const row = (await screen.findByTestId('readiness-results')).querySelector('tr[data-check="keychain"]')!;
    expect(row.querySelector('th')!.textContent).toBe('Windows 資格情報マネージャー');
    expect(row.textContent).toContain('Windows 資格情報マネージャーにシークレットを保存できないため');
  });
});
