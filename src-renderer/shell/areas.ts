/** The areas of the console, in navigation order. */
export const AREAS = ['signin', 'clusters', 'wizard', 'checklist', 'terminals', 'audit', 'settings'] as const;

/** One area of the console. */
export type Area = (typeof AREAS)[number];
