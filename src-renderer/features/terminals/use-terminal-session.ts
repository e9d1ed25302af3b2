/**
 * Connects one xterm host to one SSH session: output in (written, then acknowledged from xterm's
 * write callback), keystrokes and resizes out, and the figures the status bar shows.
 */
import { useEffect, useRef, useState } from 'react';
import { AckBatcher } from './ack-batcher';
import { backgroundWrites } from './background-writes';
import { sessionOutput } from './session-output';
import type { XtermHost } from './xterm-host';

/** How often the status bar's byte counters are refreshed while output flows. */
const FIGURES_INTERVAL_MS = 250;

/** Live figures of a session as the pane sees them. */
export interface SessionFigures {
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Time from the last keystroke sent to the next output, in ms (an echo estimate). */
  readonly echoMs: number | undefined;
  readonly writeError: string | undefined;
}

/**
 * Ports the hook hands to the host (input and resize), and the figures it tracks. A pane nobody is
 * looking at (`visible` false) keeps counting but does not re-render for its figures; it catches up
 * when it is shown. Twenty busy background tabs otherwise re-rendered their panes four times a
 * second each, on the thread that parses everyone's output. Its output is parsed through the
 * window's background queue (`background-writes.ts`), one write at a time across all hidden panes,
 * and what is still queued is written first when it is shown.
 */
export function useTerminalSession(sessionId: string, host: XtermHost | undefined, visible = true) {
  const [figures, setFigures] = useState<SessionFigures>({ bytesIn: 0, bytesOut: 0, echoMs: undefined, writeError: undefined });
  const sentAt = useRef<number | undefined>(undefined);
  const counters = useRef({ bytesIn: 0, bytesOut: 0 });
  const shown = useRef(visible);

  useEffect(() => {
    shown.current = visible;
    // In the same turn as the switch: nothing newer can be written before what the queue still holds.
    if (visible && host) backgroundWrites().flush(host);
    if (visible) setFigures((f) => (f.bytesIn === counters.current.bytesIn && f.bytesOut === counters.current.bytesOut ? f : { ...f, ...counters.current }));
  }, [visible, host]);

  useEffect(() => {
    if (!host) return;
    const output = sessionOutput();
    const acks = new AckBatcher((bytes) => output.port(sessionId).ack(bytes));
    let publishTimer: ReturnType<typeof setTimeout> | undefined;
    const publish = () => {
      publishTimer = undefined;
      setFigures((f) => ({ ...f, bytesIn: counters.current.bytesIn, bytesOut: counters.current.bytesOut }));
    };
    const refused = (problem: unknown) => setFigures((f) => ({ ...f, writeError: problemText(problem) }));
    const detach = output.attach(sessionId, (chunk) => {
      counters.current.bytesIn += chunk.bytes;
      if (sentAt.current !== undefined) {
        const echo = performance.now() - sentAt.current;
        sentAt.current = undefined;
        setFigures((f) => ({ ...f, echoMs: Math.round(echo) }));
      }
      const parsed = () => acks.processed(chunk.bytes);
      if (shown.current) host.write(chunk.data, parsed);
      else backgroundWrites().enqueue(host, chunk.data, parsed);
      // A few updates a second are enough for a person; one per frame re-rendered the pane 60 times a
      // second under bulk output, on the same thread that parses it.
      if (shown.current) publishTimer ??= setTimeout(publish, FIGURES_INTERVAL_MS);
    }, refused);
    return () => {
      detach();
      backgroundWrites().drop(host);
      acks.flush();
      acks.dispose();
      if (publishTimer !== undefined) clearTimeout(publishTimer);
    };
  }, [sessionId, host]);

  /** Sends keystrokes or a confirmed paste to the remote shell on the session's port, in pieces of at most 64 Ki characters. */
  function input(data: string): void {
    sentAt.current = performance.now();
    counters.current.bytesOut += new TextEncoder().encode(data).length;
    const port = sessionOutput().port(sessionId);
    for (let i = 0; i < data.length; i += 64 * 1024) port.input(data.slice(i, i + 64 * 1024));
  }

  /** Tells main the new size. */
  function resized(cols: number, rows: number): void {
    sessionOutput().port(sessionId).resize(Math.max(2, Math.min(1000, cols)), Math.max(1, Math.min(500, rows)));
  }

  return { figures, input, resized };
}

/** A refusal from main (`{ code, message }`) or a failed port open, as the status bar shows it. */
function problemText(problem: unknown): string {
  if (problem instanceof Error) return problem.message;
  if (typeof problem === 'object' && problem !== null && typeof (problem as { message?: unknown }).message === 'string') return (problem as { message: string }).message;
  return String(problem);
}
