/** Undoes one subscription (or any other teardown step that is synchronous). */
export type Disposable = () => void;

/** The one shape of a service event: `onDidX(listener)` subscribes and returns the disposer. */
export type Event<A extends unknown[]> = (listener: (...args: A) => void) => Disposable;

/**
 * The one event primitive of main: a service keeps an `Emitter` private and exposes `emitter.event`
 * as its `onDidX`. Listeners run in subscription order on a snapshot; one removed during a fire is
 * not called; a throwing listener does not stop the others (its error goes to `onListenerError`, or
 * is thrown after every listener ran when there is none).
 */
export class Emitter<A extends unknown[]> {
  private readonly listeners = new Set<{ readonly call: (...args: A) => void }>();

  /** Creates an emitter; `onListenerError` hears each listener's error instead of the firer. */
  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  /** Subscribes (the same function twice is two subscriptions); the disposer may be called any number of times. */
  readonly event: Event<A> = (listener) => {
    const entry = { call: listener };
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  };

  /** True while anyone listens. */
  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Calls every current listener with `args`. */
  fire(...args: A): void {
    let failure: { error: unknown } | undefined;
    for (const entry of [...this.listeners]) {
      if (!this.listeners.has(entry)) continue;
      try {
        entry.call(...args);
      } catch (error) {
        if (this.onListenerError) this.onListenerError(error);
        else failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** Drops every listener. */
  dispose(): void {
    this.listeners.clear();
  }
}
