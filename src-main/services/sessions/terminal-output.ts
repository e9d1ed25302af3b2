import { StringDecoder } from 'node:string_decoder';

/** Flow-control thresholds and frame pacing of a terminal's output. */
export interface TerminalFlowOptions {
  /** Pause the remote stream when this many bytes are sent but not yet acknowledged. */
  readonly highWaterBytes: number;
  /** Resume once unacknowledged bytes drop below this. */
  readonly lowWaterBytes: number;
  /** Batching interval: small output is coalesced into one event per frame. */
  readonly frameMs: number;
  /**
   * A batch that grows to this many bytes goes out at once instead of waiting for the frame, so
   * bulk output travels as several batches in flight (the renderer parses one while the next is on
   * its way, and acknowledges as it goes) rather than one window-sized batch at a time. Defaults to
   * a quarter of the high-water mark.
   */
  readonly maxBatchBytes?: number;
}

/** Defaults after xterm.js's flow-control guide, sized so a 60 Hz renderer never starves. */
export const DEFAULT_TERMINAL_FLOW: TerminalFlowOptions = { highWaterBytes: 512 * 1024, lowWaterBytes: 128 * 1024, frameMs: 16 };

/**
 * One flow-control window shared by every terminal that is not in front. Without it, each of 20
 * busy background terminals may have its full window unacknowledged, and the operator's keystroke
 * echo queues behind megabytes of output nobody is looking at. A member pauses its stream while
 * the shared window is full and resumes once it has drained below `resumeBelowBytes`.
 */
export class SharedOutputWindow {
  private used = 0;
  private readonly members = new Set<{ recheck(): void }>();

  /** Creates a window of `limitBytes`, reopened below `resumeBelowBytes`. */
  constructor(
    readonly limitBytes: number,
    readonly resumeBelowBytes: number,
  ) {}

  /** Bytes sent by members and not yet acknowledged. */
  get usedBytes(): number {
    return this.used;
  }

  /** True while members must hold their streams. */
  get full(): boolean {
    return this.used >= this.limitBytes;
  }

  /** True once members may read again. */
  get drained(): boolean {
    return this.used <= this.resumeBelowBytes;
  }

  /** A member joins with what it already has unacknowledged. */
  join(member: { recheck(): void }, unacknowledged: number): void {
    this.members.add(member);
    this.used += unacknowledged;
  }

  /** A member leaves and takes its unacknowledged bytes with it. */
  leave(member: { recheck(): void }, unacknowledged: number): void {
    this.members.delete(member);
    this.release(unacknowledged);
  }

  /** A member read more bytes. */
  add(bytes: number): void {
    this.used += bytes;
  }

  /**
   * Bytes acknowledged (or forgotten); wakes the members when this drains the window. A member held
   * by the shared window paused while it was full, so the moment it drains is the one to wake on;
   * acks while it is already drained (the common case, on every ack) cost nothing more.
   */
  release(bytes: number): void {
    const wasDrained = this.drained;
    this.used = Math.max(0, this.used - bytes);
    if (!wasDrained && this.drained) for (const member of this.members) member.recheck();
  }
}

/** The background window: 256 KiB in flight across all terminals not in front. */
export const DEFAULT_BACKGROUND_WINDOW = { limitBytes: 256 * 1024, resumeBelowBytes: 128 * 1024 };

/** Where the batcher sends things. */
export interface TerminalOutputSink {
  /** A batch of decoded text and the raw byte count it came from (what the renderer acknowledges). */
  flush(data: string, bytes: number): void;
  /** Stop reading the remote stream. */
  pause(): void;
  /** Read again. */
  resume(): void;
}

/** Byte counters of one terminal. */
export interface TerminalCounters {
  readonly bytesIn: number;
  readonly unacknowledged: number;
  readonly paused: boolean;
}

/**
 * The terminal data path from SSH to the renderer: bytes are decoded as UTF-8 with a StringDecoder
 * (so a character split across two SSH packets is never mangled), batched into at most one event
 * per frame, and the SSH stream is paused while more than the high-water mark is unacknowledged.
 */
export class TerminalOutput {
  private readonly decoder = new StringDecoder('utf8');
  private pendingText = '';
  private pendingBytes = 0;
  private timer: { cancel(): void } | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private unacked = 0;
  private total = 0;
  private isPaused = false;
  private ended = false;
  private shared: SharedOutputWindow | undefined;

  /** Creates the batcher for one session. */
  constructor(
    private readonly sink: TerminalOutputSink,
    private readonly options: TerminalFlowOptions = DEFAULT_TERMINAL_FLOW,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes bytes from the remote side. */
  push(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return;
    this.total += chunk.length;
    this.unacked += chunk.length;
    this.shared?.add(chunk.length);
    this.pendingText += this.decoder.write(chunk);
    this.pendingBytes += chunk.length;
    this.pauseIfFull();
    if (this.pendingBytes >= this.maxBatchBytes) this.flush();
    else this.schedule();
  }

  private get maxBatchBytes(): number {
    return this.options.maxBatchBytes ?? Math.max(1, Math.floor(this.options.highWaterBytes / 4));
  }

  /**
   * Leading-edge throttle: the first output after a quiet frame goes out at once (an echoed
   * keystroke is not held back), everything else waits for the end of the current frame.
   */
  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastFlush + this.options.frameMs - this.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(() => this.flush(), wait);
      this.timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  /** The renderer has drawn `bytes` more bytes; resumes the stream below the low-water mark. */
  ack(bytes: number): void {
    const drawn = Math.min(this.unacked, Math.max(0, Math.floor(bytes)));
    this.unacked -= drawn;
    this.shared?.release(drawn);
    this.recheck();
  }

  /**
   * Puts this terminal behind the shared background window, or (undefined) in front with only its
   * own window. Bytes in flight move with it, so neither window loses count.
   */
  setSharedWindow(shared: SharedOutputWindow | undefined): void {
    if (shared === this.shared) return;
    this.shared?.leave(this, this.unacked);
    this.shared = shared;
    shared?.join(this, this.unacked);
    this.pauseIfFull();
    this.recheck();
  }

  /** Holds the stream while its own window or the shared one is full. */
  private pauseIfFull(): void {
    if (!this.isPaused && (this.unacked >= this.options.highWaterBytes || this.shared?.full)) {
      this.isPaused = true;
      this.sink.pause();
    }
  }

  /** Resumes the stream when both its own window and the shared one (if any) have drained. */
  recheck(): void {
    if (this.isPaused && !this.ended && this.unacked <= this.options.lowWaterBytes && (!this.shared || this.shared.drained)) {
      this.isPaused = false;
      this.sink.resume();
    }
  }

  /** Flushes what is pending, including a trailing incomplete character (as U+FFFD). */
  end(): void {
    if (this.ended) return;
    this.pendingText += this.decoder.end();
    this.flush();
    this.ended = true;
  }

  /** Forgets unacknowledged bytes (a new connection starts a new stream) and resumes. */
  reset(): void {
    this.shared?.release(this.unacked);
    this.unacked = 0;
    this.ended = false;
    if (this.isPaused) {
      this.isPaused = false;
      this.sink.resume();
    }
  }

  /** Current counters. */
  counters(): TerminalCounters {
    return { bytesIn: this.total, unacknowledged: this.unacked, paused: this.isPaused };
  }

  /** Stops the timer without flushing, and gives its share of the background window back. */
  dispose(): void {
    this.cancelTimer();
    this.ended = true;
    this.shared?.leave(this, this.unacked);
    this.shared = undefined;
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private flush(): void {
    this.cancelTimer();
    if (this.pendingBytes === 0 && this.pendingText === '') return;
    this.lastFlush = this.now();
    const text = this.pendingText;
    const bytes = this.pendingBytes;
    this.pendingText = '';
    this.pendingBytes = 0;
    this.sink.flush(text, bytes);
  }
}
