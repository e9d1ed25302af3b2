import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MainText } from '../../ui/main-text';
import type { CheckResult } from './checklist-model';

/** One sentence of a check's evidence or fix, as main sends it (code, English, params). */
export type CheckTextValue = CheckResult['evidence'][number];

/** The key of a code's wording in the checklist tables. */
export function checkTextKey(code: string): string {
  return `checklist.codes.${code}`;
}

/**
 * A sentence in the operator's language: the table's wording for its code, filled with its params
 * (names, addresses and commands verbatim); null when this language has no wording for the code
 * (an uncoded check, or a code added in main before it was translated).
 */
export function wordCheckText(i18n: I18n, line: CheckTextValue): string | null {
  if (line.code === 'untranslated') return null;
  const key = checkTextKey(line.code);
  if (typeof i18n.getResource(i18n.language, 'translation', key) !== 'string') return null;
  return i18n.t(key, line.params);
}

/** One sentence: worded when the language has the code; otherwise main's English (labelled as the original outside English). */
export function CheckTextLine({ line }: { line: CheckTextValue }) {
  const { i18n } = useTranslation();
  const worded = wordCheckText(i18n, line);
  return (
    <span data-check-text-code={line.code}>{worded ?? <MainText text={line.text} />}</span>
  );
}

/** Evidence or fix steps as a list, each line in the operator's language where it is coded. */
export function CheckTextLines({ lines, ordered = false, label }: { lines: readonly CheckTextValue[]; ordered?: boolean; label?: string }) {
  const items = lines.map((line, i) => (
    <li key={i}>
      <CheckTextLine line={line} />
    </li>
  ));
  return ordered ? <ol aria-label={label}>{items}</ol> : <ul className="evidence" aria-label={label}>{items}</ul>;
}
