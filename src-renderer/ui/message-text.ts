import type { i18n as I18n } from 'i18next';

/** A coded message from main: code, main's English wording, and the values it names. */
export interface CodedMessage {
  readonly code: string;
  readonly text: string;
  readonly params?: Readonly<Record<string, string>>;
}

/** A message as the operator reads it: the words, and main's English when the language had no wording for the code. */
export interface WordedMessage {
  readonly text: string;
  readonly untranslatedOriginal: string | null;
}

/** The key of a code's wording: `messages.<code>` with the code's dots made underscores (i18next splits keys on dots). */
export function messageKey(code: string): string {
  return `messages.${code.replace(/\./g, '_')}`;
}

/** The key of an area's fallback wording (`auth`, `bastion` …: the code up to its first dot). */
export function areaKey(code: string): string {
  return `messages.area.${code.split('.')[0] ?? 'other'}`;
}

const MAX_NESTING = 3;

function has(i18n: I18n, key: string): boolean {
  return typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
}

/**
 * Words a message in the i18n instance's language (English: main's own wording, which has every
 * fact; the table words nested codes and messages main sent without text). Params named `@x` carry the code of a nested
 * message (what an ARM read was reading, why discovery fell back) and become the worded `x`.
 * A nested `@then` follows the sentence (a Conditional Access refusal's advice after "sign in again").
 * A language that lacks the code never shows main's English in the sentence: it says, in that
 * language, which area failed and with which code, and hands back main's text as the labelled original.
 */
export function wordMessage(i18n: I18n, message: CodedMessage, depth = 0): WordedMessage {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) {
    if (!name.startsWith('@')) values[name] = value;
  }
  for (const [name, value] of Object.entries(message.params ?? {})) {
    if (!name.startsWith('@') || depth >= MAX_NESTING) continue;
    const rest = Object.fromEntries(Object.entries(message.params ?? {}).filter(([n]) => n !== name));
    values[name.slice(1)] = wordMessage(i18n, { code: value, text: '', params: rest }, depth + 1).text;
  }
  const then = values.then ? ` ${values.then}` : '';
  if (i18n.language === 'en' && message.text) return { text: `${message.text}${then}`, untranslatedOriginal: null };
  const key = messageKey(message.code);
  if (has(i18n, key)) return { text: `${i18n.t(key, values)}${then}`, untranslatedOriginal: null };
  const area = has(i18n, areaKey(message.code)) ? i18n.t(areaKey(message.code)) : i18n.t('messages.area.other');
  return { text: `${i18n.t('messages.untranslated', { area, code: message.code })}${then}`, untranslatedOriginal: message.text || null };
}

/** The guide's section name for a path's scenario code (`S3` → "Use Azure Bastion"), never the code itself. */
export function guideSection(i18n: I18n, scenario: string): string {
  return wordMessage(i18n, { code: `scenario.${scenario}`, text: '' }).text;
}

/** An error as one line of text, for places that hold a string (main's English is not part of it outside English). */
export function errorLine(i18n: I18n, error: { code: string; message: string; params?: Readonly<Record<string, string>> }): string {
  const worded = wordMessage(i18n, { code: error.code, text: error.message, params: error.params });
  return `${i18n.t('messages.errorPrefix')} ${worded.text} (${error.code})`;
}
