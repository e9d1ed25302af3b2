import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialNote, type ContextCredentialValue } from '../../../../../src-renderer/features/wizard/credential-note';
import { initI18n } from '../../../../../src-renderer/i18n';

async function show(credential: ContextCredentialValue, language: 'en' | 'ja' = 'en') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <CredentialNote credential={credential} />
    </I18nextProvider>,
  );
  return screen.getByTestId('kubeconfig-credential').textContent ?? '';
}

afterEach(cleanup);

describe('CredentialNote', () => {
  it('says an Entra context gets its token from the console, with no kubelogin', async () => {
    const text = await show('console-helper');
    expect(text).toContain('kubectl gets its token from this console');
    expect(text).not.toContain('--disable-local-accounts');
  });

  it('says a local-account cluster uses local accounts and what the guide recommends instead, in en and ja', async () => {
    expect(await show('local-accounts')).toMatch(/uses local accounts.*recommends Microsoft Entra ID integration.*--disable-local-accounts/s);
    cleanup();
    const ja = await show('local-accounts', 'ja');
    expect(ja).toContain('ローカル アカウント');
    expect(ja).toContain('az aks update --enable-aad --enable-azure-rbac --disable-local-accounts');
  });

  it('says when policy keeps kubelogin', async () => {
    expect(await show('kubelogin')).toContain('kubelogin');
  });
});
