/**
 * The channel's wire facts the helper needs, without zod: kubectl starts the helper on every call
 * that has no cached credential, and importing zod alone costs the helper ~250 ms of start-up. The
 * console side validates requests with the zod schemas in `channel-protocol.ts`.
 */

/** Largest request or response line the channel accepts (a CAE claims value included). */
export const MAX_LINE_BYTES = 16 * 1024;

/** The per-launch secret: 32 random bytes as hex, read by the helper from the 0600 file beside the socket. */
export const LAUNCH_SECRET_PATTERN = /^[0-9a-f]{64}$/;

/** The console's answer as the helper reads it. */
export type ChannelAnswer = { ok: true; token: string; expiresOn: number } | { ok: false; code: string; message: string };

/** Reads the console's one-line answer; undefined when it is not one of the two shapes. */
export function readAnswer(text: string): ChannelAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const a = value as Record<string, unknown>;
  if (a.ok === true && typeof a.token === 'string' && a.token.length > 0 && Number.isInteger(a.expiresOn)) return { ok: true, token: a.token, expiresOn: a.expiresOn as number };
  if (a.ok === false && typeof a.code === 'string' && typeof a.message === 'string') return { ok: false, code: a.code.slice(0, 80), message: a.message.slice(0, 600) };
  return undefined;
}
