import type { CheckText, CheckTextCode } from '../../ipc/contract/check-text';

/** What a check may say: a coded sentence, or plain English where the check is not coded yet. */
export type Said = CheckText | string;

/**
 * A sentence of evidence or a fix step: its code, main's English, and the values it names (resource
 * names, addresses, ARM values, commands), which every language embeds verbatim.
 */
export function say(code: CheckTextCode, text: string, params: Record<string, string> = {}): CheckText {
  return { code, text, params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, shownValue(value)])) };
}

/**
 * A value as every language embeds it. The values come from ARM answers, which are typed but not
 * checked at run time: a field of the wrong type (an object where a name belongs) is shown as not
 * reported rather than as "[object Object]" or a contract breach (checklist-fuzz.test.ts).
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return NOT_REPORTED;
}

/**
 * The typed fallback for a check not yet coded: English only, marked `untranslated`, so the renderer
 * shows it as the labelled original outside English and a test can find it.
 */
export function untranslated(text: string): CheckText {
  return { code: 'untranslated', text, params: {} };
}

/** A coded sentence as is; plain English through the fallback. */
export function toCheckText(said: Said): CheckText {
  return typeof said === 'string' ? untranslated(said) : said;
}

/** A value ARM did not report, as every language shows it. */
export const NOT_REPORTED = '—';
