/**
 * The enterprise policy in force, as the renderer may know it (`policy.get`, then `policy.changed`).
 * Features read it to honour terminal copy/paste rules; the settings screen shows it read-only.
 */
import type { InvokeResponse } from '../../src-main/ipc/contract';
import { call, subscribe } from '../ipc/bridge';
import { mainValue } from './main-value';

/** The policy view main sends. */
export type PolicyViewValue = InvokeResponse<'policy.get'>;

const policy = mainValue<PolicyViewValue>(() => call('policy.get'), (set) => subscribe('policy.changed', set));

/** The policy now (undefined until main answered, or when this build has no policy area). */
export function currentPolicy(): PolicyViewValue | undefined {
  return policy.current();
}

/** React binding. */
export function usePolicy(): PolicyViewValue | undefined {
  return policy.use();
}
