import type { Event } from '../events';
import type { SessionExit } from './types';

/** One batch of a session's output: decoded text and the raw byte count it came from (what the renderer acknowledges). */
export interface SessionOutputChunk {
  readonly data: string;
  readonly bytes: number;
}

/**
 * What the session manager holds, whatever carries the bytes: an SSH shell, a local (kubectl)
 * shell, an SSH port-forward or a Bastion tunnel (Tabby's "SSH is just another session"). A tunnel
 * carries its bytes on its local port, not through this interface: it accepts no writes, has
 * nothing to resize or acknowledge, and never reports data; it exits when it is closed.
 * Subscriptions return their disposer.
 */
export interface Session<Info> {
  /** The session id of a shell, the name of a tunnel. */
  readonly id: string;
  /** Connects (or starts listening); resolves once open or failed (the state says which). */
  open(): Promise<void>;
  /** Sends keystrokes or pasted text; false when nothing is open to take them. */
  write(data: string): boolean;
  /** Changes the terminal size; false when there is no terminal. */
  resize(cols: number, rows: number): boolean;
  /** The renderer has drawn `bytes` more bytes of output (flow control). */
  ack(bytes: number): void;
  /** Closes it and everything it holds. */
  close(): Promise<void>;
  /** Its public state. */
  snapshot(): Info;
  /** Output batches, in order. */
  readonly onDidData: Event<[chunk: SessionOutputChunk]>;
  /** Its end (a shell's exit, a tunnel's close). */
  readonly onDidExit: Event<[exit: SessionExit]>;
  /** Every change of its public state. */
  readonly onDidChange: Event<[info: Info]>;
}
