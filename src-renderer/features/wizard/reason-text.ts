import type { TFunction } from 'i18next';
import type { RankedPathValue } from './types';

/** A reason or fix from the path chooser. */
export type ReasonValue = RankedPathValue['reasons'][number];

/**
 * A reason in the operator's language: the table entry for its code, filled with its params; main's
 * English text only when the table lacks the code (a code added in main before it is translated).
 */
export function reasonText(t: TFunction, reason: ReasonValue): string {
  return t(`wizard.reasonCodes.${reason.code}`, { ...reason.params, defaultValue: reason.text });
}
