/**
 * An error meant for the operator: a stable `area.reason` code and a plain message that is safe to
 * show (no token, no stack). Anything else thrown by a service reaches the renderer as `internal`.
 */
export class AppError extends Error {
  /** Creates an error with a stable code and a message safe to show the operator. */
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** True when the value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value);
}
