/**
 * A heartbeat over the IPC transport, for hosts without Electron's `unresponsive` event (the
 * browser harness, demo mode): main sends `app.ping` every `intervalMs`, the page answers with
 * `app.heartbeat`, and a page that has not answered for `timeoutMs` is reported stuck.
 */
import type { StuckSource } from './window-watchdog';

/** What the monitor drives. */
export interface HeartbeatTarget {
  unresponsive(source: StuckSource): unknown;
  responsive(): void;
  readonly stuck: boolean;
}

/** Timing of the heartbeat. */
export interface HeartbeatOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Pings the page and watches its answers. */
export class HeartbeatMonitor {
  private lastBeat: number | undefined;
  private readonly timer: ReturnType<typeof setInterval>;

  /** Starts pinging through `ping`. */
  constructor(
    private readonly target: HeartbeatTarget,
    ping: () => void,
    private readonly options: HeartbeatOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => {
      ping();
      this.check();
    }, options.intervalMs);
    this.timer.unref?.();
  }

  /** The page answered. */
  beat(): void {
    this.lastBeat = this.now();
    if (this.target.stuck) this.target.responsive();
  }

  /** Reports a page silent for longer than the timeout (armed by its first answer). */
  check(): void {
    if (this.lastBeat === undefined || this.target.stuck) return;
    if (this.now() - this.lastBeat > this.options.timeoutMs) void this.target.unresponsive('heartbeat');
  }

  /** Stops pinging. */
  dispose(): void {
    clearInterval(this.timer);
  }
}
