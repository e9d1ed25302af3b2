import { redact, redactText } from './redact';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The logging port every service receives; fields are redacted before they are written. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry `scope`. */
  child(scope: string): Logger;
}

/** Where finished log lines go (a file, stderr, or a test's array). */
export type LogWriter = (line: string) => void;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A JSON-lines logger that redacts every line before handing it to its writer. */
export class JsonLogger implements Logger {
  /** Creates a logger writing lines at or above `level` to `write`. */
  constructor(
    private readonly write: LogWriter,
    private readonly level: LogLevel = 'info',
    private readonly scope = 'main',
    private readonly now: () => Date = () => new Date(),
  ) {}

  debug(message: string, fields?: Record<string, unknown>): void { this.log('debug', message, fields); }
  info(message: string, fields?: Record<string, unknown>): void { this.log('info', message, fields); }
  warn(message: string, fields?: Record<string, unknown>): void { this.log('warn', message, fields); }
  error(message: string, fields?: Record<string, unknown>): void { this.log('error', message, fields); }

  child(scope: string): Logger {
    return new JsonLogger(this.write, this.level, `${this.scope}.${scope}`, this.now);
  }

  private log(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const record = { t: this.now().toISOString(), level, scope: this.scope, msg: redactText(message), ...(fields ? (redact(fields) as object) : {}) };
    this.write(JSON.stringify(record));
  }
}
