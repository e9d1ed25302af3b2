import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src-renderer/i18n';
import { ProblemText } from '../../../../src-renderer/ui/problem-text';

afterEach(cleanup);

async function show(code: string, message: string, language: 'en' | 'ja') {
  const i18n = await initI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <ProblemText code={code} message={message} />
    </I18nextProvider>,
  );
}

describe('ProblemText', () => {
  it.each([
    ['en', 'The host key changed during the session, so the session was ended.'],
    ['ja', 'セッション中にホスト キーが変わったため、セッションを終了しました。'],
  ] as const)('puts the translated headline of a host key changed mid-session before the facts (%s)', async (language, headline) => {
    await show('ssh.host_key_changed_in_session', 'presented ecdsa-sha2-nistp256 SHA256:abc', language);
    expect(screen.getByText(headline)).toBeTruthy();
    expect(screen.getByText(/SHA256:abc/)).toBeTruthy();
  });

  it('names an algorithm mismatch in Japanese', async () => {
    await show('ssh.algorithms_mismatch', 'The server accepts: aes128-cbc.', 'ja');
    expect(screen.getByText('ジャンプ ボックスとコンソールに共通の SSH アルゴリズムがありません。')).toBeTruthy();
  });

  it('shows other problems as main wrote them in English, without a headline', async () => {
    await show('ssh.connection_lost', 'The connection to the jump box was lost.', 'en');
    expect(screen.getByText('The connection to the jump box was lost.').querySelector('strong')).toBeNull();
  });

  it('words other problems in Japanese by their code, main\'s English only as the labelled original', async () => {
    await show('ssh.not_connected', 'The SSH connection has ended.', 'ja');
    expect(screen.getByText('SSH 接続は終了しています。')).toBeTruthy();
    expect(screen.queryByText('The SSH connection has ended.')).toBeNull();
  });
});
