import { useEffect, useRef } from 'react';
import { announce, type Politeness } from './announcer';

/**
 * Announces `message` each time it changes to a new non-empty value (and not on first render
 * unless `initial`): an outcome is read once, and re-renders with the same outcome stay silent.
 */
export function useAnnounceChange(message: string | undefined, politeness: Politeness = 'polite', initial = false): void {
  const last = useRef<string | undefined>(initial ? undefined : message);
  useEffect(() => {
    if (message === last.current) return;
    last.current = message;
    if (message) announce(message, politeness);
  }, [message, politeness]);
}
