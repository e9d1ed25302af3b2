/// <reference types="vite/client" />
import { cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckTextCode } from '../../../../../src-main/ipc/contract/check-text';
import { checkTextKey } from '../../../../../src-renderer/features/checklist/check-text';
import { CheckRowDetails } from '../../../../../src-renderer/features/checklist/check-row-details';
import type { CheckOutcome } from '../../../../../src-main/services/checklist/check';
import type { CheckResult } from '../../../../../src-renderer/features/checklist/checklist-model';
import { producedResults } from './produced-results';
import { ALL_CHECKS } from '../../../../../src-main/services/checklist/checks';
import { englishSentences } from '../../../../support/english-text';
import { glossaryProblems } from '../../../../support/ja-glossary';
import { initI18n } from '../../../../../src-renderer/i18n';
import { en, ja } from '../../../../../src-renderer/i18n/resources';

afterEach(cleanup);

function lookup(table: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), table);
}

/** Codes whose wording is names and values only, the same in every language. */
const NAMES_ONLY = new Set(['endpoint.record_points', 'probe.healthz']);

/** Runs of three English words or more: a sentence, not a name. */
const ENGLISH_SENTENCE = /\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){2,}/;

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

const CHECK_SOURCES = import.meta.glob<string>(['/src-main/services/checklist/checks/*.ts'], { query: '?raw', import: 'default', eager: true });

describe('checklist checks: the source', () => {
  it('hands every sentence to say(), never plain English to outcome or fix (which would reach ja as the untranslated original)', () => {
    expect(Object.keys(CHECK_SOURCES).length).toBeGreaterThan(5);
    const plain: string[] = [];
    for (const [file, text] of Object.entries(CHECK_SOURCES)) {
      for (const [i, line] of text.split('\n').entries()) {
        if (/outcome\.(?:pass|skip)\(\s*['`]|outcome\.(?:warn|fail)\(\s*\[\s*['`]|\bfix\(\s*\[\s*['`]/.test(line)) plain.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(plain).toEqual([]);
  });
});

describe('checklist evidence and fix codes: the tables', () => {
  it('words every code in English and in Japanese, with the same parameters', () => {
    for (const code of CheckTextCode.options) {
      const enText = lookup(en, checkTextKey(code));
      const jaText = lookup(ja, checkTextKey(code));
      expect(typeof enText, `en ${code}`).toBe('string');
      expect(typeof jaText, `ja ${code}`).toBe('string');
      expect(placeholders(jaText as string), code).toEqual(placeholders(enText as string));
    }
  });

  it('writes Japanese in Japanese (not English copied over) and with the glossary terms', () => {
    for (const code of CheckTextCode.options) {
      const jaText = lookup(ja, checkTextKey(code)) as string;
      // Lines that are only names and values (`{{record}} → {{ips}}`, `GET {{url}} → …`) have nothing to translate.
      if (!NAMES_ONLY.has(code)) expect(jaText.replace(/\{\{\w+\}\}/g, ''), code).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(jaText.replace(/\{\{\w+\}\}/g, ''), code).not.toMatch(ENGLISH_SENTENCE);
      expect(jaText, code).not.toMatch(/ジャンプ ホスト|踏み台|ホスト鍵|Azure ポータル|VNet ピアリング/);
    }
  });
});

async function renderDetails(language: 'en' | 'ja', result: CheckResult) {
  const i18n = await initI18n(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <CheckRowDetails result={result} open />
    </I18nextProvider>,
  );
}

describe('checklist evidence and fixes in the operator\'s language', () => {
  it('renders the coded checks in Japanese with no English sentence, names and commands verbatim', async () => {
    const results = await producedResults();
    const statuses = results.map((r) => r.status);
    expect(statuses).toContain('fail');
    for (const result of results) {
      const lines = [...result.evidence, ...(result.remediation?.steps ?? [])];
      expect(lines.filter((l) => l.code === 'untranslated').map((l) => l.text), result.checkId).toEqual([]);
      const view = await renderDetails('ja', result);
      expect(view.container.querySelector('[data-untranslated-original]'), result.checkId).toBeNull();
      const shown = view.container.querySelector('.check-details')!;
      const commands = [...shown.querySelectorAll('pre code')].map((c) => c.textContent ?? '');
      let text = [...shown.querySelectorAll('li')].map((li) => li.textContent ?? '').join('\n');
      for (const line of lines) for (const value of Object.values(line.params)) text = text.split(value).join(' ');
      expect(text, `${result.checkId}: ${text}`).not.toMatch(ENGLISH_SENTENCE);
      expect(text).toMatch(/[ぁ-んァ-ヶ一-龯]/);
      expect(commands, result.checkId).toEqual(result.remediation?.az ? [result.remediation.az] : []);
      view.unmount();
    }
  });

  it('runs every check in a failing, warning or skipped state and renders it in Japanese: no English sentence, no untranslated line, the glossary terms', async () => {
    const results = await producedResults();
    for (const check of ALL_CHECKS) expect(results.some((r) => r.checkId === check.id && r.status !== 'pass'), `${check.id} has no failing state here`).toBe(true);
    for (const result of results) {
      const lines = [...result.evidence, ...(result.remediation?.steps ?? [])];
      expect(lines.filter((l) => l.code === 'untranslated').map((l) => l.text), result.checkId).toEqual([]);
      const view = await renderDetails('ja', result);
      const shown = [...view.container.querySelectorAll('.check-details li')].map((li) => li.textContent ?? '').join('\n');
      const verbatim = lines.flatMap((l) => Object.values(l.params));
      expect(englishSentences(shown, verbatim), `${result.checkId}: ${shown}`).toEqual([]);
      expect(glossaryProblems(shown), result.checkId).toEqual([]);
      view.unmount();
    }
  });

  it('shows the same az command, byte for byte, in English and Japanese', async () => {
    const results = (await producedResults()).filter((r) => r.remediation?.az);
    expect(results.length).toBeGreaterThan(3);
    for (const result of results) {
      const seen: string[] = [];
      for (const language of ['en', 'ja'] as const) {
        const view = await renderDetails(language, result);
        seen.push(view.container.querySelector('pre code')?.textContent ?? '');
        view.unmount();
      }
      expect(seen).toEqual([result.remediation!.az, result.remediation!.az]);
    }
  });

  it('words the English table as main words the sentence, so the English UI reads as before', async () => {
    const i18n = await initI18n('en');
    for (const result of await producedResults()) {
      for (const line of [...result.evidence, ...(result.remediation?.steps ?? [])]) {
        if (line.code === 'untranslated' || line.code === 'probe.open_terminal_first') continue;
        expect(i18n.t(checkTextKey(line.code), line.params), line.code).toBe(line.text);
      }
    }
  });

  it('shows an uncoded line in Japanese only as the labelled English original', async () => {
    const outcome: CheckOutcome = { status: 'warn', evidence: [{ code: 'untranslated', text: 'Something only main says.', params: {} }] };
    const result: CheckResult = { checkId: 'x', title: 'x', hops: ['api-server'], status: outcome.status, evidence: outcome.evidence, remediation: null, durationMs: 1 };
    const view = await renderDetails('ja', result);
    expect(view.container.querySelector('[data-untranslated-original]')?.textContent).toBe('Something only main says.');
  });
});
