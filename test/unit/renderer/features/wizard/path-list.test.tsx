import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { PathList } from '../../../../../src-renderer/features/wizard/path-list';
import { initI18n } from '../../../../../src-renderer/i18n';
import { ranking } from '../../support/fixtures';

afterEach(cleanup);

async function show(language: 'en' | 'ja') {
  const i18n = await initI18n(language);
  const paths = [
    ...ranking().paths,
    { id: 'cloud-shell' as const, scenario: 'S2', rank: 6, availability: 'available' as const, guidanceOnly: true, reasons: [], fixes: [], jumpBoxId: null, bastionId: null },
  ];
  render(
    <I18nextProvider i18n={i18n}>
      <PathList paths={paths} onChoose={() => undefined} />
    </I18nextProvider>,
  );
  return (id: string) => within(document.querySelector(`li[data-path="${id}"]`) as HTMLElement);
}

describe('PathList', () => {
  it.each(['en', 'ja'] as const)('names each path by the guide section, never by an internal scenario code (%s)', async (language) => {
    const card = await show(language);
    const tags = [...document.querySelectorAll('.scenario-tag')].map((e) => e.textContent);
    expect(tags.some((tag) => /^S\d|^\(S\d/.test(tag ?? ''))).toBe(false);
    expect(card('bastion-jumpbox').getByText(language === 'ja' ? 'Azure Bastion を使用する' : 'Use Azure Bastion')).toBeTruthy();
    expect(card('command-invoke').getByText(language === 'ja' ? 'aks コマンド呼び出しを実行する' : 'Run aks command invoke')).toBeTruthy();
  });

  it('offers no "use this path" button on a path that does not apply', async () => {
    const card = await show('en');
    expect(card('ssh-jumpbox').queryByRole('button')).toBeNull();
    expect(card('bastion-jumpbox').getByRole('button')).toBeTruthy();
  });

  it('claims no availability for a guidance-only path', async () => {
    const card = await show('ja');
    expect(card('cloud-shell').queryByText('すぐに利用可能')).toBeNull();
    expect(document.querySelector('li[data-path="cloud-shell"] .availability')).toBeNull();
    expect(screen.getAllByText(/すぐに利用可能/).length).toBeGreaterThan(0);
  });
});
