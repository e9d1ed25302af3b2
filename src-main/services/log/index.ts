/** The logger port and the redaction of secrets from log text. */
export type { Logger } from './logger';
export { REDACTED, redactText } from './redact';
