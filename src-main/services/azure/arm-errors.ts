import { AppError, isAppError } from '../errors';
import { subjectParams, type ArmSubject } from './arm-subject';

/** The HTTP status an Azure SDK error carries (core-rest-pipeline `statusCode`, ms-rest-js `statusCode`). */
export function statusOf(error: unknown): number | undefined {
  if (error && typeof error === 'object') {
    const status = (error as { statusCode?: unknown }).statusCode ?? (error as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

function armCodeOf(error: unknown): string | undefined {
  if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  return undefined;
}

/**
 * Turns an SDK failure into an operator-facing AppError naming what was being read, so a check can
 * report "could not read VNet vnet-hub: access denied" instead of a stack. The subject and the
 * status travel as params, so the renderer words the failure in the operator's language.
 */
export function toArmAppError(error: unknown, subject: ArmSubject): AppError {
  if (isAppError(error)) return error;
  const what = subject.text;
  const base = subjectParams(subject);
  if (error instanceof Error && error.name === 'AbortError') return new AppError('azure.cancelled', `Reading ${what} was cancelled.`, { cause: error, params: base });
  const status = statusOf(error);
  const code = armCodeOf(error);
  const detail = code ? ` (${code})` : '';
  const params = { ...base, status: status === undefined ? '' : String(status), armCode: detail };
  switch (status) {
    case 401:
      return new AppError('azure.unauthenticated', `Azure did not accept the sign-in while reading ${what}; sign in again.`, { cause: error, params });
    case 403:
      return new AppError('azure.forbidden', `Access to ${what} was denied${detail}; the signed-in account lacks read permission or lost it.`, { cause: error, params });
    case 404:
      return new AppError('azure.not_found', `${what} was not found${detail}; it may have been deleted or moved.`, { cause: error, params });
    case 429:
      return new AppError('azure.throttled', `Azure kept throttling requests for ${what}; try again in a minute.`, { cause: error, params });
    default:
      if (status !== undefined && status >= 500) return new AppError('azure.unavailable', `Azure answered ${status} while reading ${what}${detail}; the service may be degraded.`, { cause: error, params });
      if (status !== undefined) return new AppError('azure.request_failed', `Azure refused the request for ${what} with ${status}${detail}.`, { cause: error, params });
      return new AppError('azure.unreachable', `Could not reach Azure Resource Manager while reading ${what}: ${error instanceof Error ? error.message : String(error)}.`, { cause: error, params: base });
  }
}

/** Runs an SDK call and maps its failure. */
export async function armCall<T>(what: ArmSubject, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toArmAppError(error, what);
  }
}

/** Collects a paged SDK iterator into an array, capped so a hostile or huge listing cannot exhaust memory. */
export async function collect<T>(what: ArmSubject, pages: AsyncIterable<T>, limit = 50_000): Promise<T[]> {
  return armCall(what, async () => {
    const out: T[] = [];
    for await (const item of pages) {
      out.push(item);
      if (out.length >= limit) break;
    }
    return out;
  });
}
