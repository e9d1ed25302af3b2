import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { onDidAnnounce, type Announcement, type Politeness } from './announcer';

/**
 * The console's two live regions, rendered empty from the start (many screen readers ignore a
 * region that arrives together with its text) and outside `#root`, so they still speak while the
 * lock overlay makes the app inert. Mount once in the shell; features call `announce`.
 */
export function LiveRegions() {
  return createPortal(
    <div className="live-regions">
      <LiveRegion politeness="polite" />
      <LiveRegion politeness="assertive" />
    </div>,
    document.body,
  );
}

function LiveRegion({ politeness }: { politeness: Politeness }) {
  const [current, setCurrent] = useState<Announcement>();
  useEffect(
    () =>
      onDidAnnounce((a) => {
        if (a.politeness !== politeness) return;
        // Clear first, then set on the next frame: the same text twice in a row is still a change.
        setCurrent(undefined);
        requestAnimationFrame(() => setCurrent(a));
      }),
    [politeness],
  );
  return (
    <div
      className="visually-hidden"
      role={politeness === 'assertive' ? 'alert' : 'status'}
      aria-live={politeness}
      aria-atomic="true"
      data-testid={`live-${politeness}`}
      data-seq={current?.seq ?? 0}
    >
      {current?.text ?? ''}
    </div>
  );
}
