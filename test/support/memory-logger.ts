import { JsonLogger } from '../../src-main/services/log/logger';

/** A logger that keeps its lines in memory (tests, and the secret scan over everything logged). */
export class MemoryLogger extends JsonLogger {
  /** Every line written so far. */
  readonly lines: string[];
  /** Creates an in-memory logger at debug level. */
  constructor() {
    const lines: string[] = [];
    super((l) => lines.push(l), 'debug');
    this.lines = lines;
  }
}
