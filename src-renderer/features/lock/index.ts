/** Public face of the lock feature: the overlay (mount once in the shell) and a lock-now button. */
export { LockNowButton, LockOverlay } from './lock-overlay';
export { activityInterval, createThrottle } from './activity-throttle';
