/** Runs tasks one after another within this process (a promise-chained mutex). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Waits for earlier holders, then returns the function that lets the next one in. */
  async enter(): Promise<() => void> {
    let leave!: () => void;
    const turn = new Promise<void>((resolve) => {
      leave = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => turn);
    await previous;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      leave();
    };
  }
}
