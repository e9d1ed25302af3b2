/**
 * Flow control, renderer side: counts bytes xterm has finished parsing (its write callback) and
 * acknowledges them to main in batches, so main can pause the SSH stream above a high-water mark
 * without one IPC call per chunk.
 */
export class AckBatcher {
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** `send` delivers one acknowledgement; `threshold` bytes or `delayMs` idle time flush it. */
  constructor(
    private readonly send: (bytes: number) => void,
    private readonly threshold = 64 * 1024,
    private readonly delayMs = 16,
  ) {}

  /** Records `bytes` as processed by the terminal. */
  processed(bytes: number): void {
    if (bytes <= 0) return;
    this.pending += bytes;
    if (this.pending >= this.threshold) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === 0) return;
    const bytes = this.pending;
    this.pending = 0;
    this.send(bytes);
  }

  /** Stops the timer without sending (the session is gone). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = 0;
  }
}
