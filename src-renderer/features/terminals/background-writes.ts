/**
 * Output of terminals nobody is looking at, parsed one write at a time across all of them, taking
 * turns, with the page given its turn between writes. A terminal in front writes straight to xterm.
 *
 * Each xterm parses its own queue in time slices of up to about 12 ms; with twenty busy terminals
 * in the background, a keystroke's echo in the terminal in front waited behind a slice of each of
 * them. Here at most one background write is being parsed at any moment. Nothing is dropped: a write
 * is acknowledged (its `done`) only once its terminal has parsed it, so main's flow control holds the
 * background streams while they wait here (bounded by its shared background window), and a terminal
 * brought to the front gets what is still queued for it, in order, before anything newer.
 */

/** What the queue writes into: an xterm host (`done` runs once the terminal has parsed `data`). */
export interface BackgroundTerminal {
  write(data: string, done: () => void): void;
}

interface QueuedWrite {
  readonly data: string;
  readonly done: () => void;
}

/** Lets the page run whatever waits (input, rendering, the terminal in front) before `next`. */
export type YieldTurn = (next: () => void) => void;

/** The window's queue of background terminal output. */
export class BackgroundWrites {
  private readonly queues = new Map<BackgroundTerminal, QueuedWrite[]>();
  /** The terminal whose write is being parsed, and a token its completion must still match. */
  private current: { terminal: BackgroundTerminal; token: object } | undefined;
  private waitingTurn = false;

  /** `yieldTurn` schedules the next write (a macrotask by default, so input and frames come first). */
  constructor(private readonly yieldTurn: YieldTurn = (next) => setTimeout(next, 0)) {}

  /** Queues output for a terminal that is not in front. */
  enqueue(terminal: BackgroundTerminal, data: string, done: () => void): void {
    const queue = this.queues.get(terminal);
    if (queue) queue.push({ data, done });
    else this.queues.set(terminal, [{ data, done }]);
    this.pump();
  }

  /** The terminal came to the front: everything still queued for it is written to it now, in order. */
  flush(terminal: BackgroundTerminal): void {
    const queue = this.queues.get(terminal);
    this.queues.delete(terminal);
    for (const write of queue ?? []) terminal.write(write.data, write.done);
  }

  /** The terminal is gone: its queued output is dropped unacknowledged, and the others go on. */
  drop(terminal: BackgroundTerminal): void {
    this.queues.delete(terminal);
    if (this.current?.terminal === terminal) {
      this.current = undefined;
      this.pump();
    }
  }

  /** Writes queued and not yet handed to their terminal (for tests and diagnostics). */
  get queuedWrites(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  private pump(): void {
    if (this.current || this.waitingTurn) return;
    const next = this.queues.entries().next();
    if (next.done) return;
    const [terminal, queue] = next.value;
    const write = queue.shift()!;
    // Taking turns: a terminal with more to write goes behind the others.
    this.queues.delete(terminal);
    if (queue.length > 0) this.queues.set(terminal, queue);
    const token = {};
    this.current = { terminal, token };
    terminal.write(write.data, () => {
      write.done();
      if (this.current?.token !== token) return;
      this.current = undefined;
      this.waitingTurn = true;
      this.yieldTurn(() => {
        this.waitingTurn = false;
        this.pump();
      });
    });
  }
}

let shared: BackgroundWrites | undefined;

/** The window's one background queue. */
export function backgroundWrites(): BackgroundWrites {
  shared ??= new BackgroundWrites();
  return shared;
}
