import type { z } from 'zod';
import type { RefusedRequest } from '../../ipc/contract/pim';

/** What a kube-apiserver 403 line says was refused (the contract's shape, declared once). */
export type ForbiddenRequest = z.output<typeof RefusedRequest>;

/** Longest line the scan looks at; kubectl's Forbidden line for the longest names fits well inside. */
export const MAX_SCANNED_LINE = 2048;

/**
 * kubectl's 403, anchored at the line start. Every part after the one bounded lazy gap is a
 * character class that excludes its own delimiter, so a crafted line cannot make it backtrack
 * more than the gap's 600 positions (and a line is at most MAX_SCANNED_LINE long).
 */
const FORBIDDEN_LINE =
  /^Error from server \(Forbidden\): .{0,600}? is forbidden: User "[^"]{1,512}" cannot ([a-z]{1,32}) resource "([a-z0-9.-]{1,253})" in API group "([a-z0-9.-]{0,253})" (?:in the namespace "([a-z0-9-]{1,63})"|at the cluster scope)/;

/** CSI escape sequences and carriage returns a shell may put into a line (linear: no nested quantifier). */
const NOISE = /\x1b\[[0-9;?]{0,32}[ -/]{0,4}[@-~]|\r/g;

/** Reads one terminal line as kubectl's 403; undefined when it is not one. */
export function parseForbiddenLine(line: string): ForbiddenRequest | undefined {
  if (line.length > MAX_SCANNED_LINE) return undefined;
  const m = FORBIDDEN_LINE.exec(line.replace(NOISE, ''));
  return m ? { verb: m[1]!, resource: m[2]!, group: m[3]!, namespace: m[4] ?? null } : undefined;
}

/**
 * Scans a stream of terminal output for kubectl's 403 with a bounded rolling window: only the
 * current unfinished line is kept, and at most MAX_SCANNED_LINE + 1 characters of it (a longer
 * line is dropped whole, never parsed). Feed returns the last 403 in the chunk.
 */
export class ForbiddenScanner {
  private line = '';
  private overlong = false;

  /** Adds output; returns the last complete 403 line it finished, if any. */
  feed(chunk: string): ForbiddenRequest | undefined {
    let found: ForbiddenRequest | undefined;
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      this.append(chunk.slice(start, end));
      if (!this.overlong) found = parseForbiddenLine(this.line) ?? found;
      this.line = '';
      this.overlong = false;
      start = end + 1;
    }
    this.append(chunk.slice(start));
    return found;
  }

  private append(piece: string): void {
    if (this.overlong) return;
    if (this.line.length + piece.length > MAX_SCANNED_LINE) {
      this.line = '';
      this.overlong = true;
      return;
    }
    this.line += piece;
  }
}
