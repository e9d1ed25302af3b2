import { Emitter, type Event } from '../events';
import type { SessionOutputChunk } from './session';
import type { SessionExit } from './types';

/** Swallows a listener's error: a renderer-side failure must not break the data path (the other listeners still run). */
export const ignoreListenerError = (): void => undefined;

/** The events every session kind has, in the `onDidX` style (subscriptions return their disposer); subclasses fire them. */
export abstract class SessionEvents<Info> {
  protected readonly didData = new Emitter<[chunk: SessionOutputChunk]>(ignoreListenerError);
  protected readonly didExit = new Emitter<[exit: SessionExit]>(ignoreListenerError);
  protected readonly didChange = new Emitter<[info: Info]>(ignoreListenerError);

  /** Output batches, in order. */
  readonly onDidData: Event<[chunk: SessionOutputChunk]> = this.didData.event;
  /** Its end (a shell's exit, a tunnel's close). */
  readonly onDidExit: Event<[exit: SessionExit]> = this.didExit.event;
  /** Every change of its public state. */
  readonly onDidChange: Event<[info: Info]> = this.didChange.event;
}
