/**
 * The harness's event transport: events go to the page in order, and what queues up while earlier
 * deliveries are still in flight goes over in one `page.evaluate`. Each evaluate is a CDP round trip
 * with its own serialisation and script call in the renderer, so one per terminal batch cost the
 * page more than the terminal did (bench/terminal-pipeline.ts); Electron's IPC has no such cost.
 * Like Electron's IPC, an invoke's answer reaches the page after every event main sent before it
 * (`deliveredUpTo`): the renderer relies on that (a tab closed by `ssh.close` must not come back
 * with a late `ssh.state`).
 */
import type { Page } from 'playwright-core';

/** One event as the page's `__aksDeliver` takes it. */
export type PumpedEvent = readonly [event: string, payload: unknown];

/** Sends one ordered batch of events; resolves when the page has taken it. */
export type BatchDelivery = (batch: readonly PumpedEvent[]) => Promise<unknown>;

/** Delivers a batch to the page's `__aksDeliver`, one call per event, in order. */
export function deliverToPage(page: Page): BatchDelivery {
  return (batch) =>
    page.evaluate((events) => {
      const deliver = (window as unknown as { __aksDeliver?: (e: string, p: unknown) => void }).__aksDeliver;
      for (const [event, payload] of events) deliver?.(event, payload);
    }, batch as PumpedEvent[]);
}

/** Rough size of an event for batching: its `data` text when it has one (terminal output). */
function weight(payload: unknown): number {
  const data = typeof payload === 'object' && payload !== null ? (payload as { data?: unknown }).data : undefined;
  return typeof data === 'string' ? data.length : 64;
}

/**
 * Keeps at most `maxInFlight` deliveries outstanding; the first events after a quiet moment go at
 * once (an echoed keystroke is not held back), later ones wait for a free slot and share it, up to
 * about `maxBatchChars` of terminal text per batch (so one delivery stays a short task in the page).
 */
export class EventPump {
  private queue: PumpedEvent[] = [];
  private inFlight = 0;
  /** Events queued so far, and events whose delivery has settled (a prefix: batches settle in order of sending). */
  private queued = 0;
  private settled = 0;
  private readonly batches: Array<{ end: number; done: boolean }> = [];
  private readonly waiters: Array<{ upTo: number; wake: () => void }> = [];

  /** Creates a pump over `deliver`. */
  constructor(
    private readonly deliver: BatchDelivery,
    private readonly maxInFlight = 2,
    private readonly maxBatchChars = 256 * 1024,
  ) {}

  /** Queues one event. */
  send(event: string, payload: unknown): void {
    this.queue.push([event, payload]);
    this.queued += 1;
    this.pump();
  }

  /** How many events have been queued so far (a mark for `deliveredUpTo`). */
  mark(): number {
    return this.queued;
  }

  /**
   * Resolves once every event up to `mark` has been delivered (or failed to be). It does not push
   * the queue out early: every ack is an invoke, and sending the queue at each one undid the batching.
   */
  deliveredUpTo(mark: number): Promise<void> {
    if (this.settled >= mark) return Promise.resolve();
    return new Promise((wake) => this.waiters.push({ upTo: mark, wake }));
  }

  /** Resolves once every queued event has been delivered (or failed to be). */
  idle(): Promise<void> {
    return this.deliveredUpTo(this.queued);
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      let size = 0;
      let take = 0;
      while (take < this.queue.length && (take === 0 || size + weight(this.queue[take]![1]) <= this.maxBatchChars)) {
        size += weight(this.queue[take]![1]);
        take += 1;
      }
      const batch = this.queue.splice(0, take);
      const record = { end: this.queued - this.queue.length, done: false };
      this.batches.push(record);
      this.inFlight += 1;
      this.deliver(batch)
        .catch(() => undefined)
        .finally(() => {
          this.inFlight -= 1;
          record.done = true;
          while (this.batches[0]?.done) this.settled = this.batches.shift()!.end;
          for (let i = this.waiters.length - 1; i >= 0; i--) {
            if (this.waiters[i]!.upTo <= this.settled) this.waiters.splice(i, 1)[0]!.wake();
          }
          this.pump();
        });
    }
  }
}
