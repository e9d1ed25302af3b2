/**
 * The channel's wire facts the helper needs, without zod: kubectl starts the helper on every call
 * that has no cached credential, and importing zod alone costs the helper ~250 ms of start-up. The
 * console side validates requests with the zod schemas in `channel-protocol.ts`.
 */

/** Largest request or response line the channel accepts (a CAE claims value included). */
export const MAX_LINE_BYTES = 16 * 1024;

/** The per-launch secret: 32 random bytes as hex, read by the helper from the 0600 file beside the socket. */
export const LAUNCH_SECRET_PATTERN = /^[0-9a-f]{64}$/;

/** The exec plugin API versions kubectl speaks (v1 unless kubectl says v1beta1). */
export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

/** What kubectl's exec plugin protocol expects on stdout. */
export interface ExecCredential {
  readonly apiVersion: (typeof EXEC_API_VERSIONS)[number];
  readonly kind: 'ExecCredential';
  readonly spec: { readonly interactive: false };
  readonly status: { readonly token: string; readonly expirationTimestamp: string };
}

/** The ExecCredential for a token (whole seconds, as kubectl's examples); the Node helper and the console's native-helper reply share it. */
export function execCredential(apiVersion: ExecCredential['apiVersion'], token: string, expiresOn: number): ExecCredential {
  return { apiVersion, kind: 'ExecCredential', spec: { interactive: false }, status: { token, expirationTimestamp: new Date(expiresOn).toISOString().replace(/\.\d{3}Z$/, 'Z') } };
}

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
