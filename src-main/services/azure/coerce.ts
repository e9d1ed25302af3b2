/**
 * Defensive readers for SDK models: the deserializers pass through whatever ARM sent, so a field
 * typed `string` can arrive as an object, a number or null. Views for the renderer go through these.
 */

/** The value if it is a non-empty string, else null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The value if it is a string, else `fallback`. */
export function strOr(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** The value if it is an array, else an empty array. */
export function arr<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Only the string members of an array-ish value. */
export function strs(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

/** The value if it is a finite number, else null. */
export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** An ISO timestamp for a Date or date string, else null (never throws on an invalid date). */
export function isoDate(value: unknown): string | null {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
