import { z } from 'zod';

/** Largest request or response line the channel accepts (a CAE claims value included). */
export const MAX_LINE_BYTES = 16 * 1024;

/** The per-launch secret: 32 random bytes as hex, read by the helper from the 0600 file beside the socket. */
export const LaunchSecret = z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64-character launch secret');

/** One request from the credential helper: which cluster (and context) kubectl is calling. */
export const CredentialRequest = z.strictObject({
  v: z.literal(1),
  secret: LaunchSecret,
  clusterId: z.string().min(1).max(512).regex(/^\/subscriptions\/[^\s]+$/i, 'must be an AKS resource id'),
  context: z.string().min(1).max(120).optional(),
  /** A CAE claims challenge (JSON or base64) when the caller has one. */
  claims: z.string().max(8 * 1024).optional(),
  /** The helper's own pid and its parent's (kubectl); checked against /proc where possible, never trusted alone. */
  caller: z.strictObject({ pid: z.number().int().positive(), ppid: z.number().int().nonnegative() }),
});

/** The console's answer: a token with its expiry, or one actionable sentence. */
export const CredentialResponse = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), token: z.string().min(1), expiresOn: z.number().int() }),
  z.strictObject({ ok: z.literal(false), code: z.string().max(80), message: z.string().max(600) }),
]);

/** A parsed helper request. */
export type CredentialRequestValue = z.output<typeof CredentialRequest>;
/** A parsed console answer. */
export type CredentialResponseValue = z.output<typeof CredentialResponse>;
