import { z } from 'zod';
import { EXEC_API_VERSIONS, LAUNCH_SECRET_PATTERN } from './channel-wire';

export { MAX_LINE_BYTES } from './channel-wire';

/** The per-launch secret, as the console validates a request's copy. */
export const LaunchSecret = z.string().regex(LAUNCH_SECRET_PATTERN, 'must be the 64-character launch secret');

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
  /**
   * The native helper's ask: answer a success with the finished ExecCredential of this apiVersion as
   * the whole line, so it copies bytes instead of parsing JSON. Absent (the Node helper): `{ ok, token, expiresOn }`.
   */
  reply: z.enum(EXEC_API_VERSIONS).optional(),
});

/** A parsed helper request. */
export type CredentialRequestValue = z.output<typeof CredentialRequest>;
/** The console's answer (the helper reads it with `readAnswer`). */
export type { ChannelAnswer as CredentialResponseValue } from './channel-wire';
