import type { z } from 'zod';
import type { SessionInfo, SshExit, TunnelInfo } from '../../ipc/contract/ssh';

/** A session as the renderer may see it. */
export type SessionInfoValue = z.output<typeof SessionInfo>;
/** A tunnel as the renderer may see it. */
export type TunnelInfoValue = z.output<typeof TunnelInfo>;
/** A shell's end. */
export type SessionExit = z.output<typeof SshExit>;

/** Unsubscribes. */
export type Disposer = () => void;

/** A tiny typed event: listeners in, disposers out. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; returns a disposer. */
  on(listener: (value: T) => void): Disposer {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers to every listener; a throwing listener does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch {
        // A renderer-side failure must not break the data path.
      }
    }
  }

  /** Drops every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
