import type { TFunction } from 'i18next';

/**
 * A check's title in the operator's language, looked up by its id; main's (English) title when the
 * table has no entry, so a check added in main still shows a title before it is translated.
 */
export function checkTitle(t: TFunction, checkId: string, fallback: string): string {
  return t(`checklist.checkTitles.${checkId}`, { defaultValue: fallback });
}
