/** Channels that still answer while the console is locked (the overlay, policy and read-only shell facts). */
export const LOCK_OPEN_CHANNELS: ReadonlySet<string> = new Set([
  'lock.state',
  'lock.activity',
  'lock.now',
  'lock.unlock',
  'policy.get',
  'app.info',
  'settings.get',
  'auth.status',
  'app.heartbeat',
]);
