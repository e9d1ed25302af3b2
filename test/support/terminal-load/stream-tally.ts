/**
 * The "full output" side of the load test: the shell command each streaming session runs, and a
 * tally that checks, from the output batches alone, that every line the remote side printed
 * arrived whole and once. The remote shell counts the lines it printed and prints that count last,
 * so completeness is checked against the sender's own figure, not a guess.
 */

/** Lines per `yes | head` round; the stop file is checked between rounds. */
const ROUND_LINES = 2000;
/** The remote loop ends on its own after this long even if the stop file never appears. */
const HARD_CAP_SECONDS = 600;

/** The visible text of stream `index`'s line (the colour codes go around it). */
export function streamLineText(index: number): string {
  return `load stream ${String(index).padStart(2, '0')} ${'0123456789abcdefghijklmnopqrstuvwxyz'.repeat(2).slice(0, 50)}`;
}

/** The exact line stream `index` prints, as it reaches the terminal (PTY turns \n into \r\n). */
export function streamLine(index: number): string {
  return `\x1b[3${(index % 7) + 1}m${streamLineText(index)}\x1b[0m`;
}

/**
 * Shell input that prints stream `index`'s coloured line at full speed until `stopFile` exists,
 * then `LOAD-END <lines printed>`, and then waits silently for input: nothing follows the marker (a
 * prompt after it could arrive once the test had checked every byte was acknowledged, and its tab be
 * closed before xterm acknowledged it). Typed into an interactive bash, so it ends with a carriage
 * return; the quotes split "stream" so the shell's echo of the command never looks like a stream line.
 */
export function streamCommand(index: number, stopFile: string): string {
  const colour = (index % 7) + 1;
  return (
    `L=$(printf '\\033[3${colour}m%s\\033[0m' '${streamLineText(index).replace('stream', "str''eam")}'); n=0; cap=$((SECONDS+${HARD_CAP_SECONDS})); ` +
    `while [ ! -e '${stopFile}' ] && [ $SECONDS -lt $cap ]; do yes "$L" | head -n ${ROUND_LINES}; n=$((n+${ROUND_LINES})); done; echo "LOAD-END $n"; read -r _\r`
  );
}

/** Counts one session's output: bytes, exact stream lines, lines that look like a damaged stream line, the end marker. */
export class StreamTally {
  bytes = 0;
  lines = 0;
  /** Lines that carry the stream's text but are not exactly its line (torn, merged or corrupted). */
  damaged = 0;
  /** The first few damaged lines, for the failure message. */
  readonly damagedSamples: string[] = [];
  /** The remote side's own count, once `LOAD-END` arrived. */
  reportedLines: number | undefined;
  private tail = '';
  private readonly line: string;
  private readonly marker: string;

  /** A tally for stream `index`. */
  constructor(index: number) {
    this.line = `${streamLine(index)}\r`;
    this.marker = streamLineText(index).slice(0, 14);
  }

  /** Takes one output batch of this session. */
  add(data: string, bytes: number): void {
    this.bytes += bytes;
    const parts = (this.tail + data).split('\n');
    this.tail = parts.pop()!;
    for (const part of parts) {
      // bash switches bracketed paste off (ESC[?2004l, CR) just before the command's first line.
      if (part === this.line || part === `\x1b[?2004l\r${this.line}`) this.lines++;
      else if (part.includes(this.marker)) {
        this.damaged++;
        if (this.damagedSamples.length < 3) this.damagedSamples.push(JSON.stringify(part.slice(0, 300)));
      }
      const end = /^LOAD-END (\d+)\r$/.exec(part);
      if (end) this.reportedLines = Number(end[1]);
    }
  }

  /** Whether the end marker arrived. */
  get ended(): boolean {
    return this.reportedLines !== undefined;
  }
}
