/**
 * Events and teardown, the lowest service area (it imports nothing): the one event primitive
 * (`Emitter`, exposed as `onDidX(listener) => Disposable`) and the store that tears down in reverse.
 */
export { DisposableStore, type Disposer } from './disposable-store';
export { type Disposable, Emitter, type Event } from './emitter';
