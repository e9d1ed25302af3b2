/**
 * An error meant for the operator: a stable `area.reason` code and a plain message that is safe to
 * show (no token, no stack). Anything else thrown by a service reaches the renderer as `internal`.
 * `params` are the values the message names (resource names, ports, statuses), so the renderer can
 * word the code in the operator's language with the same facts (`messages.<code>`).
 */
export class AppError extends Error {
  /** The values the message names, for the renderer's wording; none when the code says it all. */
  readonly params?: Record<string, string>;

  /** Creates an error with a stable code and a message safe to show the operator. */
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown; params?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    if (options?.params) this.params = options.params;
  }
}

/** True when the value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value);
}
