import { Duplex } from 'node:stream';
import { asBuffer, type PipeMessage } from './messages';

/** Bytes a sender may have sent and not yet had credited (per pipe, per direction). */
export const PIPE_WINDOW_BYTES = 512 * 1024;
/** A receiver that keeps up credits in steps of this much (fewer messages than one per chunk). */
const CREDIT_STEP_BYTES = PIPE_WINDOW_BYTES / 4;

/**
 * One end of a byte stream between main and the session process, as a Duplex: what is written goes
 * to the other end as `data` messages, what the other end sends comes out as readable data.
 * Backpressure holds both ways with credit: a sender stops (its write callback waits) once
 * `PIPE_WINDOW_BYTES` are unacknowledged, and a receiver credits bytes only once its reader has
 * taken them, so a paused reader stops the sender, which stops reading its source (an SSH channel
 * or a socket) as it would in one process.
 */
export class BytePipe extends Duplex {
  private unacknowledged = 0;
  private waiting: (() => void) | undefined;
  private owed = 0;
  private held = false;

  /**
   * An end of pipe `id`; `send` posts a message to the other end. `emitClose`: emit `close` when
   * destroyed, as a socket does (a pipe standing in for ssh2's `sock`; a channel's pipes leave
   * `close` to their channel, which carries the exit status with it).
   */
  constructor(
    readonly id: number,
    private readonly send: (message: PipeMessage) => void,
    options: { emitClose?: boolean } = {},
  ) {
    super({ allowHalfOpen: true, emitClose: options.emitClose ?? false, autoDestroy: false, readableHighWaterMark: 64 * 1024 });
    // The only errors a pipe raises itself are writes after its link ended; the end is reported by
    // the channel's or connection's close, so such a write must not become an uncaught exception.
    this.on('error', () => undefined);
  }

  /** A message for this pipe from the other end. */
  receive(message: PipeMessage): void {
    if (this.destroyed) return;
    switch (message.op) {
      case 'data': {
        const bytes = asBuffer(message.data);
        this.owed += bytes.length;
        if (!this.push(bytes)) this.held = true;
        else if (this.owed >= CREDIT_STEP_BYTES) this.credit();
        return;
      }
      case 'credit': {
        this.unacknowledged -= message.bytes;
        if (this.unacknowledged < PIPE_WINDOW_BYTES) this.release();
        return;
      }
      case 'eof':
        this.credit();
        this.push(null);
        return;
    }
  }

  override _read(): void {
    if (!this.held) return;
    this.held = false;
    this.credit();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.send({ op: 'data', pipe: this.id, data: chunk });
    this.unacknowledged += chunk.length;
    if (this.unacknowledged < PIPE_WINDOW_BYTES) callback();
    else this.waiting = () => callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.send({ op: 'eof', pipe: this.id });
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.waiting = undefined;
    callback(error);
  }

  private credit(): void {
    if (this.owed === 0) return;
    this.send({ op: 'credit', pipe: this.id, bytes: this.owed });
    this.owed = 0;
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }
}
