/**
 * The enterprise policy in force, as the renderer may know it (`policy.get`, then `policy.changed`).
 * Features read it to honour terminal copy/paste rules; the settings screen shows it read-only.
 */
import { useSyncExternalStore } from 'react';
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { Emitter } from '../../src-main/services/events/emitter';
import { call, hasBridge, subscribe } from '../ipc/bridge';

/** The policy view main sends. */
export type PolicyViewValue = InvokeResponse<'policy.get'>;

const changes = new Emitter<[]>();
let current: PolicyViewValue | undefined;
let started = false;

function set(value: PolicyViewValue): void {
  current = value;
  changes.fire();
}

function start(): void {
  if (started || !hasBridge()) return;
  started = true;
  subscribe('policy.changed', set);
  call('policy.get').then(set, () => undefined);
}

/** The policy now (undefined until main answered, or when this build has no policy area). */
export function currentPolicy(): PolicyViewValue | undefined {
  start();
  return current;
}

/** React binding. */
export function usePolicy(): PolicyViewValue | undefined {
  return useSyncExternalStore(
    (l) => {
      start();
      return changes.event(l);
    },
    () => current,
  );
}
