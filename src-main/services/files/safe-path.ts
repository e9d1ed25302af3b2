import { localPathProblem, UNSAFE_TEXT_MESSAGE, unsafeFileCharacter } from '../../ipc/contract/files';
import { AppError } from '../errors';

/**
 * The writers' own check of what the contract already refused (defence in depth: a value may come
 * from ARM, a dialog or a stored file, not only from IPC): throws `files.unsafe_path`.
 */
export function assertLocalPath(filePath: string): string {
  const problem = localPathProblem(filePath);
  if (problem) throw new AppError('files.unsafe_path', `The console does not read or write ${JSON.stringify(filePath)}: ${problem}. Nothing was changed.`);
  return filePath;
}

/** Throws `files.unsafe_value` when a value bound for a file has a character that could end its line or quote. */
export function assertSafeValue(what: string, value: string): string {
  const bad = unsafeFileCharacter(value);
  if (bad !== null) {
    const code = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new AppError('files.unsafe_value', `The ${what} ${UNSAFE_TEXT_MESSAGE} (found U+${code}); nothing was written.`);
  }
  return value;
}
