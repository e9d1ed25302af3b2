/**
 * Session data ports in memory, for tests that drive the router without a page: the opener hands
 * main one end; the test holds the page's end (what main posted, and a way to send as the page does).
 */
import type { PortHello, PortInput, PortOutput } from '../../src-main/ipc/contract';
import type { PortEnd, PortOpener } from '../../src-main/ipc/router';

/** The page's end of one in-memory port. */
export interface PagePort {
  readonly hello: PortHello;
  /** Everything main posted, in order. */
  readonly received: PortOutput[];
  /** Called with each frame main posts. */
  onFrame?: (frame: PortOutput) => void;
  /** Sends a message as the page would (anything: main must check it). */
  send(message: PortInput | unknown): void;
  /** True once either side closed it. */
  readonly closed: boolean;
  /** Closes it from the page's side (a reload). */
  close(): void;
}

/** An opener that serves `senderId` only, and the page ends it handed out. */
export function memoryPorts(senderId: string): { opener: PortOpener; pages: PagePort[] } {
  const pages: PagePort[] = [];
  const opener: PortOpener = (sender, hello) => {
    if (sender.senderId !== senderId) return undefined;
    let toMain: ((message: unknown) => void) | undefined;
    let onClose: (() => void) | undefined;
    let closed = false;
    const page: PagePort = {
      hello,
      received: [],
      send: (message) => {
        if (!closed) toMain?.(message);
      },
      get closed() {
        return closed;
      },
      close: () => {
        closed = true;
        onClose?.();
      },
    };
    pages.push(page);
    const end: PortEnd = {
      post: (frame) => {
        if (closed) return;
        page.received.push(frame);
        page.onFrame?.(frame);
      },
      onMessage: (listener) => void (toMain = listener),
      onClose: (listener) => void (onClose = listener),
      close: () => void (closed = true),
    };
    return end;
  };
  return { opener, pages };
}
