/** A teardown step: stops, closes or unsubscribes one thing. */
export type Disposer = () => void | Promise<void>;

/**
 * Every teardown step of the core, in one place: `dispose()` runs them in reverse order of `add`
 * (what was built last goes first), each once, and keeps going past a failing one.
 */
export class DisposableStore {
  private readonly disposers: Disposer[] = [];
  private disposed = false;

  /** Creates the store; `report` hears each failing step (teardown goes on regardless). */
  constructor(private readonly report: (error: unknown) => void) {}

  /** Adds teardown steps in the order their things were built. */
  add(...disposers: Disposer[]): void {
    if (this.disposed) throw new Error('the store is already disposed');
    this.disposers.push(...disposers);
  }

  /** Runs every step once, last added first; later calls do nothing. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const dispose of this.disposers.reverse()) {
      try {
        await dispose();
      } catch (error) {
        this.report(error);
      }
    }
  }
}
