/** Public face of the JIT feature. */
export { JitAction } from './jit-action';
export { formatCountdown, isoDurationMinutes, jitFor } from './jit-policy';
