/** Coded application errors that cross IPC as `{ code, message }`. */
export { AppError, isAppError } from './app-error';
export { coded, messageOf } from './coded-message';
