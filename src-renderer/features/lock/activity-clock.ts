let reportedAt: number | undefined;

/** Records that activity just reached main (main's idle timer restarted now). */
export function markActivityReported(at: number = Date.now()): void {
  reportedAt = at;
}

/**
 * Learns main's idle deadline from its lock state (`idleLocksInMs`, read when the page loads): the
 * activity main last saw then counts as reported, unless this page has reported a later one.
 */
export function learnIdleDeadline(idleLocksInMs: number | null | undefined, idleTimeoutSeconds: number, now: number = Date.now()): void {
  if (typeof idleLocksInMs !== 'number' || idleTimeoutSeconds <= 0) return;
  const seen = now + idleLocksInMs - idleTimeoutSeconds * 1000;
  if (reportedAt === undefined || seen > reportedAt) reportedAt = seen;
}

/** When activity last reached main, as far as this page knows; undefined before the first report. */
export function lastActivityReport(): number | undefined {
  return reportedAt;
}

/**
 * Seconds before the idle lock at which the warning appears: a minute, or half the idle time when
 * that is shorter (WCAG 2.2.1 asks for at least 20 s to react; a one-minute policy gives 30 s).
 */
export function idleWarningLead(idleTimeoutSeconds: number): number {
  return Math.min(60, idleTimeoutSeconds / 2);
}

/** Seconds left before main locks for idleness, or undefined when unknown or already locked. */
export function idleSecondsLeft(reported: number | undefined, idleTimeoutSeconds: number, now: number): number | undefined {
  if (reported === undefined) return undefined;
  return Math.max(0, (reported + idleTimeoutSeconds * 1000 - now) / 1000);
}
