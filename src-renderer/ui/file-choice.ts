import { describeError } from './use-async';

/** Which file main uses: its fixed default, or one the operator picks in main's native dialog. */
export type FileChoice = 'default' | 'pick';

/** The error to show for a failed file action; a dialog the operator cancelled is not an error. */
export function fileActionError(error: unknown): { code: string; message: string } | undefined {
  const described = describeError(error);
  return described.code === 'files.cancelled' ? undefined : described;
}
