import { Duplex } from 'node:stream';
import { asBuffer, type CreditMessage, type PipeMessage } from './messages';

/**
 * Bytes all the pipes of one side together may have in flight (sent, not yet received). Every pipe
 * crosses one ordered channel, so what background terminals have in flight sits ahead of the echo
 * in front (bench/session-process.ts, 20 streams, key → echo in main): with 512 KiB per pipe and no
 * shared limit the echo took p50 58 ms (SSH in main: 0.8 ms); sharing 256 KiB, 10.6 ms; sharing
 * 64 KiB, 1.5 ms (0.6 ms), with the same throughput as SSH in main.
 */
export const SHARED_SEND_BYTES = 64 * 1024;

/** In-flight bytes shared by the pipes of one side: a pipe over it waits until credit frees some, first come first served. */
export class SendBudget {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  /** A budget of `limitBytes` in flight. */
  constructor(private readonly limitBytes = SHARED_SEND_BYTES) {}

  /** True while the pipes together are under the limit. */
  get open(): boolean {
    return this.used < this.limitBytes;
  }

  /** `bytes` went out. */
  take(bytes: number): void {
    this.used += bytes;
  }

  /** The other side received `bytes`: pipes waiting for the budget go on, oldest first, while it stays open. */
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    while (this.open && this.waiting.length > 0) this.waiting.shift()!();
  }

  /** Calls `retry` once the budget opens. */
  wait(retry: () => void): void {
    this.waiting.push(retry);
  }
}

const PIPE_OPS = new Set<string>(['data', 'pause', 'resume', 'eof']);

/** What a pipe needs of its side of the link. */
export interface PipeLink {
  /** Posts a message to the other side. */
  send(message: PipeMessage): void;
  /** The in-flight limit this side's pipes share. */
  readonly budget: SendBudget;
  /** Data bytes arrived for a pipe of this side (the link credits the sender once per turn). */
  received(bytes: number): void;
}

/**
 * One end of a byte stream between main and the session process, as a Duplex: what is written goes
 * to the other end as `data` messages (what is written in one turn as one message), and what the
 * other end sends comes out as readable data. Backpressure holds both ways: a reader that stops
 * reading pauses the sender (`pause`/`resume`), which stops reading its source (an SSH channel or
 * a socket) as it would in one process; and all the pipes of one side share a `SendBudget`, so
 * little can queue on the channel ahead of a keystroke's echo.
 */
export class BytePipe extends Duplex {
  private waiting: (() => void) | undefined;
  private waitingForBudget = false;
  /** The other end asked us to stop sending. */
  private paused = false;
  /** We asked the other end to stop sending. */
  private pausedOther = false;
  /** Written in this turn, sent as one message at its end (one message per ssh2 chunk cost more CPU than the bytes). */
  private outgoing: Buffer[] = [];

  /**
   * An end of pipe `id` over `link`. `emitClose`: emit `close` when destroyed, as a socket does (a
   * pipe standing in for ssh2's `sock`); a channel's pipes leave `close` to their channel, which
   * carries the exit status with it.
   */
  constructor(
    readonly id: number,
    private readonly link: PipeLink,
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
        this.link.received(bytes.length);
        if (!this.push(bytes) && !this.pausedOther) {
          this.pausedOther = true;
          this.link.send({ op: 'pause', pipe: this.id });
        }
        return;
      }
      case 'pause':
        this.paused = true;
        return;
      case 'resume':
        this.paused = false;
        this.release();
        return;
      case 'eof':
        this.push(null);
        return;
    }
  }

  override _read(): void {
    if (!this.pausedOther || this.destroyed) return;
    this.pausedOther = false;
    this.link.send({ op: 'resume', pipe: this.id });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.outgoing.push(chunk) === 1) setImmediate(() => this.flush());
    this.link.budget.take(chunk.length);
    this.waiting = () => callback();
    this.release();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    this.link.send({ op: 'eof', pipe: this.id });
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.waiting = undefined;
    this.outgoing = [];
    callback(error);
  }

  /** Lets the pending write go on unless the other end paused us or the shared budget is spent. */
  private release(): void {
    if (!this.waiting || this.paused || this.destroyed) return;
    if (!this.link.budget.open) {
      if (this.waitingForBudget) return;
      this.waitingForBudget = true;
      this.link.budget.wait(() => {
        this.waitingForBudget = false;
        this.release();
      });
      return;
    }
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting();
  }

  private flush(): void {
    if (this.outgoing.length === 0 || this.destroyed) return;
    const data = this.outgoing.length === 1 ? this.outgoing[0]! : Buffer.concat(this.outgoing);
    this.outgoing = [];
    this.link.send({ op: 'data', pipe: this.id, data });
  }
}

/**
 * One side's pipe bookkeeping: its send budget, and the credit it owes the other side for data
 * received, sent once at the end of a turn for every pipe together.
 */
export class PipeSide implements PipeLink {
  /** The in-flight limit this side's pipes share. */
  readonly budget = new SendBudget();
  private owed = 0;

  /** A side that posts with `post`. */
  constructor(private readonly post: (message: PipeMessage | CreditMessage) => void) {}

  /** Posts a pipe message. */
  send(message: PipeMessage): void {
    this.post(message);
  }

  /** Data arrived: credited at the end of this turn. */
  received(bytes: number): void {
    if (this.owed === 0) setImmediate(() => this.credit());
    this.owed += bytes;
  }

  /** The other side credited what it received. */
  credited(bytes: number): void {
    this.budget.give(bytes);
  }

  /** Hands pipe traffic from the other side to its pipe (or the budget); false for any other message. */
  deliver(message: { readonly op: string }, pipes: ReadonlyMap<number, BytePipe>): boolean {
    if (message.op === 'credit') {
      this.credited((message as CreditMessage).bytes);
      return true;
    }
    if (!PIPE_OPS.has(message.op)) return false;
    const traffic = message as PipeMessage;
    pipes.get(traffic.pipe)?.receive(traffic);
    return true;
  }

  private credit(): void {
    const bytes = this.owed;
    this.owed = 0;
    if (bytes > 0) this.post({ op: 'credit', bytes });
  }
}
