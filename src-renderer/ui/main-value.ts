/**
 * A value main owns and the renderer follows: loaded once, then replaced by each event, with one
 * subscription for the whole window however many components read it.
 */
import { useSyncExternalStore } from 'react';
import { Emitter } from '../../src-main/services/events/emitter';
import { hasBridge } from '../ipc/bridge';

/** The value's reader: now, and as a React binding. */
export interface MainValue<T> {
  current(): T | undefined;
  use(): T | undefined;
}

/** Follows a value: `load` reads it, `follow` subscribes to its changes; both start on first read, once a bridge exists. */
export function mainValue<T>(load: () => Promise<T>, follow: (set: (value: T) => void) => void): MainValue<T> {
  const changes = new Emitter<[]>();
  let value: T | undefined;
  let started = false;
  const set = (next: T) => {
    value = next;
    changes.fire();
  };
  const start = () => {
    if (started || !hasBridge()) return;
    started = true;
    // An event is newer than the answer to a read that started before it: the late answer is dropped.
    let evented = false;
    follow((next) => {
      evented = true;
      set(next);
    });
    load().then((loaded) => evented || set(loaded), () => undefined);
  };
  const current = () => {
    start();
    return value;
  };
  const subscribe = (l: () => void) => {
    start();
    return changes.event(l);
  };
  return { current, use: () => useSyncExternalStore(subscribe, () => value) };
}
