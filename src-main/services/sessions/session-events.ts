import type { SessionOutputChunk } from './session';
import { Emitter, type Disposer, type SessionExit } from './types';

/** The events every session kind has, in the `onDidX` style (subscriptions return their disposer); subclasses fire them. */
export abstract class SessionEvents<Info> {
  protected readonly didData = new Emitter<SessionOutputChunk>();
  protected readonly didExit = new Emitter<SessionExit>();
  protected readonly didChange = new Emitter<Info>();

  /** Output batches, in order. */
  onDidData(listener: (chunk: SessionOutputChunk) => void): Disposer {
    return this.didData.on(listener);
  }

  /** Its end (a shell's exit, a tunnel's close). */
  onDidExit(listener: (exit: SessionExit) => void): Disposer {
    return this.didExit.on(listener);
  }

  /** Every change of its public state. */
  onDidChange(listener: (info: Info) => void): Disposer {
    return this.didChange.on(listener);
  }
}
