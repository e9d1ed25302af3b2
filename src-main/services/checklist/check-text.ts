import type { CheckText, CheckTextCode } from '../../ipc/contract/check-text';

/** What a check may say: a coded sentence, or plain English where the check is not coded yet. */
export type Said = CheckText | string;

/**
 * A sentence of evidence or a fix step: its code, main's English, and the values it names (resource
 * names, addresses, ARM values, commands), which every language embeds verbatim.
 */
export function say(code: CheckTextCode, text: string, params: Record<string, string> = {}): CheckText {
  return { code, text, params };
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
