/**
 * Idle lock. core.ts builds one `LockService` (policy idle time, session-manager `closeAll`, a fresh
 * Entra sign-in as the unlock), installs the IPC gate (`lock-handlers.ts`) and feeds OS screen-lock
 * and suspend events from `platform/power-events.ts`. Other services do nothing: while locked the
 * router refuses every invoke outside `LOCK_OPEN_CHANNELS` with `lock.locked`.
 */
export { LockService, type LockAccount, type LockAuthPort, type LockPolicy, type LockReasonValue, type LockServiceOptions, type LockSessionsPort, type LockStateValue } from './lock-service';
export { LOCK_FLOW_CONTROL_CHANNELS, LOCK_OPEN_CHANNELS } from './lock-gate';
export { lockPolicyFrom, type LockPolicySource } from './lock-policy';
