import { Emitter, type Event } from '../../../src-main/services/events/emitter';

/** How urgently a message interrupts: polite waits for the screen reader to finish, assertive does not. */
export type Politeness = 'polite' | 'assertive';

/** One message on its way to a live region; `seq` makes a repeated message a new one. */
export interface Announcement {
  readonly text: string;
  readonly politeness: Politeness;
  readonly seq: number;
}

const announcements = new Emitter<[announcement: Announcement]>();
let seq = 0;

/**
 * Sends `text` to the console's live regions (mounted once by `LiveRegions`). Outcomes go
 * politely; only what stops the operator (an error that needs action) is assertive. Callers
 * announce an outcome once, never a running counter.
 */
export function announce(text: string, politeness: Politeness = 'polite'): void {
  const message = text.trim();
  if (!message) return;
  seq += 1;
  announcements.fire({ text: message, politeness, seq });
}

/** Subscribes to announcements; returns the disposer. */
export const onDidAnnounce: Event<[announcement: Announcement]> = announcements.event;
