/** How often activity is reported to main: often enough for short idle times, rarely enough to be free. */
export function activityInterval(idleTimeoutSeconds: number): number {
  return Math.max(250, Math.min(15_000, (idleTimeoutSeconds * 1000) / 4));
}

/** Calls `report` at most once per `intervalMs`, on the leading edge. */
export function createThrottle(report: () => void, intervalMs: () => number, now: () => number = Date.now): () => void {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const t = now();
    if (t - last < intervalMs()) return;
    last = t;
    report();
  };
}
