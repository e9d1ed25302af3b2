/**
 * A terminal's side of its session's data port: output batches in; keystrokes, size and
 * acknowledgements out. What one turn of the event loop produces goes out at its end, keystrokes
 * first, so typing never waits behind acknowledgements (main applies each message in that order too).
 */
import type { PortInput, PortOutput } from '../../../src-main/ipc/contract';
import { call } from '../../ipc/bridge';
import { receivePort } from '../../ipc/ports';

/** What the terminal sends on its port. */
export interface SessionPort {
  input(data: string): void;
  resize(cols: number, rows: number): void;
  ack(bytes: number): void;
  close(): void;
}

/** Keystroke text above which a message goes out at once rather than at the end of the turn (a large paste). */
const FLUSH_INPUT_CHARS = 256 * 1024;

/** Opens the port of `sessionId`; `onOutput` gets every frame main sends, `onFailed` a refused open. */
export function openSessionPort(sessionId: string, onOutput: (frame: PortOutput) => void, onFailed: (error: unknown) => void): SessionPort {
  const nonce = crypto.randomUUID();
  const arriving = receivePort(nonce);
  let port: MessagePort | undefined;
  let closed = false;
  const input: string[] = [];
  let inputChars = 0;
  let size: { cols: number; rows: number } | undefined;
  let acked = 0;
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    if (!port) return;
    // Keystrokes first, in messages main accepts (a large paste takes several), then size and acknowledgements.
    while (input.length > 0) {
      let chars = 0;
      let take = 0;
      while (take < input.length && (take === 0 || chars + input[take]!.length <= FLUSH_INPUT_CHARS)) chars += input[take++]!.length;
      const message: PortInput = { input: input.splice(0, take) };
      port.postMessage(message);
    }
    inputChars = 0;
    if (!size && acked === 0) return;
    const message: PortInput = { ...(size ? { resize: size } : {}), ...(acked > 0 ? { ack: acked } : {}) };
    size = undefined;
    acked = 0;
    port.postMessage(message);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };

  call('ssh.port', { sessionId, nonce })
    .then(() => arriving.port)
    .then(
      (received) => {
        if (closed) return received.close();
        port = received;
        port.onmessage = (event: MessageEvent<PortOutput>) => onOutput(event.data);
        flush();
      },
      (error: unknown) => {
        arriving.abandon();
        if (!closed) onFailed(error);
      },
    );

  return {
    input(data) {
      input.push(data);
      inputChars += data.length;
      if (inputChars >= FLUSH_INPUT_CHARS) flush();
      else schedule();
    },
    resize(cols, rows) {
      size = { cols, rows };
      schedule();
    },
    ack(bytes) {
      acked += bytes;
      schedule();
    },
    close() {
      closed = true;
      port?.close();
      port = undefined;
    },
  };
}
