/**
 * The recent output of every open session, kept in main so that a reloaded or crashed renderer
 * can show each terminal again with what it last printed (as VS Code restores its terminals after a
 * window reload). Bounded per session; the oldest output goes first, cut at a line start so a
 * replay does not begin inside an escape sequence of a line that is half gone.
 */

/** Characters kept per session (UTF-16 code units: about one screenful of scrollback, never more). */
export const DEFAULT_REPLAY_CHARS = 256 * 1024;

/** Per-session bounded output history. */
export class OutputReplay {
  private readonly chunks = new Map<string, { parts: string[]; size: number }>();

  /** Creates a history keeping at most `limitChars` per session. */
  constructor(private readonly limitChars = DEFAULT_REPLAY_CHARS) {}

  /** Remembers output just sent to the renderer. */
  record(sessionId: string, data: string): void {
    if (!data) return;
    let entry = this.chunks.get(sessionId);
    if (!entry) this.chunks.set(sessionId, (entry = { parts: [], size: 0 }));
    entry.parts.push(data);
    entry.size += data.length;
    // Whole old batches go once the rest still holds the limit: no copying on the output path
    // (joining and cutting every few hundred KiB cost main a few ms per MB of terminal output).
    while (entry.parts.length > 1 && entry.size - entry.parts[0]!.length >= this.limitChars) entry.size -= entry.parts.shift()!.length;
  }

  /** The session's recent output, oldest first (empty when none). */
  recent(sessionId: string): string {
    const entry = this.chunks.get(sessionId);
    if (!entry) return '';
    this.compact(entry);
    return entry.parts[0] ?? '';
  }

  /** Drops the history of sessions that no longer exist. */
  retain(liveIds: Iterable<string>): void {
    const live = new Set(liveIds);
    for (const id of this.chunks.keys()) if (!live.has(id)) this.chunks.delete(id);
  }

  private compact(entry: { parts: string[]; size: number }): void {
    let text = entry.parts.join('');
    if (text.length > this.limitChars) {
      const start = text.length - this.limitChars;
      const lineStart = text.indexOf('\n', start);
      text = lineStart >= 0 && lineStart < text.length - 1 ? text.slice(lineStart + 1) : text.slice(start);
    }
    entry.parts = text ? [text] : [];
    entry.size = text.length;
  }
}
