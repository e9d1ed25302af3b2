/**
 * The session-process bench's channel between the measured process and the session child: the
 * same operations as a session port (output batches one way; keystrokes, focus and acknowledgements
 * the other), plus opening and closing, as Electron's `utilityProcess` would carry them.
 */
import type { HostFrame, SshdAddress } from './session-host';

/** From the measured process to the child. */
export type ToHost =
  | { readonly op: 'start'; readonly sshd: SshdAddress }
  | { readonly op: 'open'; readonly count: number }
  | { readonly op: 'write'; readonly sessionId: string; readonly data: string }
  | { readonly op: 'ack'; readonly sessionId: string; readonly bytes: number }
  | { readonly op: 'focus'; readonly sessionId: string }
  | { readonly op: 'close' };

/** From the child to the measured process. */
export type FromHost =
  | ({ readonly op: 'frame' } & HostFrame)
  | { readonly op: 'started'; readonly dir: string }
  | { readonly op: 'opened'; readonly sessionIds: string[] }
  | { readonly op: 'closed' }
  | { readonly op: 'failed'; readonly message: string };
