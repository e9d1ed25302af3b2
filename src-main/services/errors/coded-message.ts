import type { Message } from '../../ipc/contract/message';
import { isAppError } from './app-error';

/** A message for the operator: its code, main's English wording and the values it names. */
export function coded(code: string, text: string, params: Record<string, string> = {}): Message {
  return { code, text, params };
}

/** What a failure tells the operator: an AppError's code and params, anything else as `internal`. */
export function messageOf(error: unknown): Message {
  if (isAppError(error)) return coded(error.code, error.message, error.params ?? {});
  return coded('internal', 'Something went wrong inside the console; the log has the details.');
}
