/// <reference types="vite/client" />
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { initI18n } from '../../../../src-renderer/i18n';
import { CodedMessageText } from '../../../../src-renderer/ui/coded-message';
import { MainTextLines } from '../../../../src-renderer/ui/main-text';
import { areaKey, messageKey, wordMessage } from '../../../../src-renderer/ui/message-text';
import { englishSentences } from '../../../support/english-text';

/**
 * The class of issue 21: main's messages reaching the Japanese UI in English. Main sends codes and
 * params; these tests read every code main can send from its source and hold the renderer to
 * wording each one without an English sentence, and hold the renderer's source to showing main's
 * text only through the mechanism.
 */
const MAIN = import.meta.glob<string>(['/src-main/**/*.ts'], { query: '?raw', import: 'default', eager: true });
const RENDERER = import.meta.glob<string>(['/src-renderer/**/*.tsx'], { query: '?raw', import: 'default', eager: true });

const CODE = /^[a-z]+(?:\.[A-Za-z0-9_-]+)+$|^internal$/;

/** Every message code main's source can send: AppError codes (all literal arms), coded(), the router's own, ARM read subjects. */
function codesInMain(): Map<string, string> {
  const codes = new Map<string, string>();
  const add = (code: string, file: string) => CODE.test(code) && !codes.has(code) && codes.set(code, file);
  for (const [file, text] of Object.entries(MAIN)) {
    for (const m of text.matchAll(/new AppError\(\s*([^,]+?),/g)) for (const l of m[1]!.matchAll(/'([^']+)'/g)) add(l[1]!, file);
    for (const m of text.matchAll(/super\(\s*'([a-z]+\.[a-z0-9_-]+)'/g)) add(m[1]!, file);
    for (const m of text.matchAll(/\bcoded\(\s*'([^']+)'/g)) add(m[1]!, file);
    for (const m of text.matchAll(/\bfail\(\s*'([^']+)'/g)) add(m[1]!, file);
    for (const m of text.matchAll(/\bsubject\(\s*'([a-z-]+)'/g)) add(`subject.${m[1]!}`, file);
    for (const m of text.matchAll(/code: '(audit\.verify_[a-z_]+)'/g)) add(m[1]!, file);
    if (file.endsWith('/auth/auth-errors.ts')) for (const m of text.matchAll(/'(AADSTS\d+)'/g)) add(`aadsts.${m[1]!}`, file);
    if (file.endsWith('/access-paths/path-chooser.ts')) for (const m of text.matchAll(/'(S\d(?:-variant)?|AVD|ACI)'/g)) add(`scenario.${m[1]!}`, file);
  }
  return codes;
}

/** Values for a wording's placeholders that look like what main sends (names, numbers). */
function sampleParams(wording: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of (wording ?? '').matchAll(/\{\{(\w+)\}\}/g)) params[m[1]!] = `v-${m[1]!.toLowerCase()}-7`;
  return params;
}

const ENGLISH = 'The thing you asked for could not be done, and this sentence is in English.';

describe('main messages in the Japanese UI', () => {
  const codes = codesInMain();

  it('reads the codes main can send (a broken scan would pass everything)', () => {
    expect(codes.size).toBeGreaterThan(120);
    for (const code of ['aadsts.AADSTS53003', 'auth.conditional_access', 'scenario.S3-variant', 'auth.sign_in_required', 'azure.forbidden', 'discovery.graph_unavailable', 'ipc.payload_too_large', 'subject.cluster', 'tunnels.port_taken', 'auth.wrong_account']) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('words every code without an English sentence, every placeholder filled and every value kept', async () => {
    const i18n = await initI18n('ja');
    const problems: string[] = [];
    for (const code of codes.keys()) {
      const wording = i18n.getResource('ja', 'translation', messageKey(code)) as string | undefined;
      const params = sampleParams(wording);
      const worded = wordMessage(i18n, { code, text: ENGLISH, params });
      const english = englishSentences(worded.text, Object.values(params));
      if (english.length > 0) problems.push(`${code}: English in "${worded.text}"`);
      if (/\{\{|\}\}/.test(worded.text)) problems.push(`${code}: placeholder left in "${worded.text}"`);
      for (const value of Object.values(params)) if (!worded.text.includes(value)) problems.push(`${code}: dropped ${value}`);
      if (worded.text.includes(ENGLISH)) problems.push(`${code}: main's English shown in the sentence`);
      if (!wording && typeof i18n.getResource('ja', 'translation', areaKey(code)) !== 'string') problems.push(`${code}: neither a wording nor an area wording`);
    }
    expect(problems).toEqual([]);
  });

  it.each(['en', 'ja'] as const)('has its own wording for every code main can send, none left to the "area + code" fallback (%s)', async (language) => {
    const i18n = await initI18n(language);
    const missing = [...codes.keys()].filter((c) => typeof i18n.getResource(language, 'translation', messageKey(c)) !== 'string').map((c) => `${c} (${codes.get(c)})`);
    expect(missing).toEqual([]);
  });

  it('gets from main every value its wording names: each AppError whose wording has placeholders is thrown with params', async () => {
    const i18n = await initI18n('ja');
    const unsent: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(MAIN)) {
      for (const [i, line] of text.split('\n').entries()) {
        for (const m of line.matchAll(/new AppError\(\s*'([a-z]+\.[A-Za-z0-9_-]+)'/g)) {
          const wording = i18n.getResource('ja', 'translation', messageKey(m[1]!)) as string | undefined;
          const names = [...new Set([...(wording ?? '').matchAll(/\{\{(\w+)\}\}/g)].map((n) => n[1]!))];
          if (names.length === 0) continue;
          checked += 1;
          const rest = line.slice(m.index);
          // An options variable (`options`) or `params` variable is taken on trust; a literal params object must name each value.
          const literal = /params: \{([^}]*)\}/.exec(rest);
          const sent = literal ? names.filter((n) => new RegExp(`\\b${n}\\b`).test(literal[1]!)) : names;
          if (!/\bparams\b|, options\)/.test(rest) || sent.length < names.length) unsent.push(`${file}:${i + 1} ${m[1]!} needs ${names.join(', ')}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(unsent).toEqual([]);
  });

  it('words nested codes: an ARM read failure names what was read, in Japanese, with the name verbatim', async () => {
    const i18n = await initI18n('ja');
    const worded = wordMessage(i18n, {
      code: 'discovery.graph_unavailable',
      text: 'Azure Resource Graph was unavailable (Access to the AKS clusters of subscription sub-7 was denied)',
      params: { '@cause': 'azure.forbidden', '@what': 'subject.subscription-clusters', name: 'sub-7', armCode: ' (AuthorizationFailed)' },
    });
    expect(worded.text).toBe(
      'Azure Resource Graph を使用できなかったため (サブスクリプション sub-7 の AKS クラスター へのアクセスが拒否されました (AuthorizationFailed)。サインインしているアカウントに読み取り権限がないか、権限が失われています。)、サブスクリプションごとにクラスターを一覧表示しました。',
    );
    expect(englishSentences(worded.text, ['sub-7'])).toEqual([]);
  });

  it.each(['en', 'ja'] as const)('follows a Conditional Access refusal with what the operator can do (%s)', async (language) => {
    const i18n = await initI18n(language);
    const worded = wordMessage(i18n, { code: 'auth.conditional_access', text: 'Sign-in was refused by a Conditional Access policy (AADSTS53000): Device is not in required device state.', params: { aadsts: 'AADSTS53000', '@then': 'aadsts.AADSTS53000' } });
    expect(worded.text).toContain('AADSTS53000');
    expect(worded.text).toContain(language === 'ja' ? 'Intune に登録され' : 'enrolled in Intune');
    if (language === 'ja') expect(englishSentences(worded.text, ['AADSTS53000'])).toEqual([]);
  });

  it('keeps main\'s English wording in the English UI (it has every fact)', async () => {
    const i18n = await initI18n('en');
    expect(wordMessage(i18n, { code: 'auth.network', text: 'connect ECONNREFUSED 10.0.0.1:443. Check the network or proxy and try again.' }).text).toContain('ECONNREFUSED');
  });
});

describe('rendering a message main has no Japanese wording for', () => {
  afterEach(cleanup);

  it('says in Japanese which area failed with which code, and shows the English only inside a labelled disclosure', async () => {
    const i18n = await initI18n('ja');
    const { container } = render(
      <I18nextProvider i18n={i18n}>
        <CodedMessageText message={{ code: 'bastion.some_new_failure', text: ENGLISH, params: {} }} />
        <MainTextLines lines={['The peering is not connected on the hub side.']} />
      </I18nextProvider>,
    );
    const originals = [...container.querySelectorAll('[data-untranslated-original]')];
    expect(originals.map((o) => o.getAttribute('lang'))).toEqual(['en', 'en']);
    expect(originals.every((o) => o.closest('details')?.querySelector('summary')?.textContent === '元のメッセージ (英語、未翻訳)')).toBe(true);
    const visible = container.cloneNode(true) as HTMLElement;
    for (const o of visible.querySelectorAll('[data-untranslated-original]')) o.remove();
    expect(visible.textContent).toContain('Azure Bastionで問題が発生しました (コード bastion.some_new_failure)。');
    expect(englishSentences(visible.textContent ?? '', ['bastion.some_new_failure'])).toEqual([]);
  });
});

describe("the renderer's source", () => {
  it('shows main-written text only through the message mechanism (CodedMessageText, ErrorText, ProblemText, MainText, errorLine)', () => {
    expect(Object.keys(RENDERER).length).toBeGreaterThan(40);
    const raw: string[] = [];
    const patterns = [
      /t\(\s*'status\.error'/,
      /(?<![=\w])\{\s*[\w?.]+\.(?:message|reason|lastError|detail|text|title)\s*\}/,
      /<li[^>]*>\s*\{\s*(?:e|line|s|w|step|evidence)\s*\}\s*<\/li>/,
      /\.message\s*\)\s*\}\s*<\//,
      /\{\s*describeError\([^)]*\)\.message/,
    ];
    for (const [file, text] of Object.entries(RENDERER)) {
      if (/\/ui\/(main-text|coded-message|problem-text|error-text)\.tsx$/.test(file)) continue;
      for (const [i, line] of text.split('\n').entries()) if (!line.includes('data-untranslated-original') && patterns.some((p) => p.test(line))) raw.push(`${file}:${i + 1}: ${line.trim()}`);
    }
    expect(raw).toEqual([]);
  });
});
