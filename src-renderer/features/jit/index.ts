/** Public face of the JIT feature. */
export { JitAction } from './jit-action';
export { ActionError, type JitContext } from './jit-refusal';
export { formatCountdown, isoDurationMinutes, jitFor } from './jit-policy';
