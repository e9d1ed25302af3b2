/**
 * Flow control the renderer sends on its own, never operator input: acknowledging rendered terminal
 * bytes only reopens a session's output window. Gating it while locked loses acks the renderer has
 * no reason to send again, so a session that printed more than its window while locked would stay
 * paused after unlock (issue 13, item 11). Output keeps flowing behind the overlay instead; typing,
 * resizing and everything else stay refused.
 */
export const LOCK_FLOW_CONTROL_CHANNELS: ReadonlySet<string> = new Set(['ssh.ack']);

/** Channels that still answer while the console is locked (the overlay, policy, read-only shell facts, flow control). */
export const LOCK_OPEN_CHANNELS: ReadonlySet<string> = new Set([
  'lock.state',
  'lock.activity',
  'lock.now',
  'lock.unlock',
  'policy.get',
  'app.info',
  'settings.get',
  'auth.status',
  ...LOCK_FLOW_CONTROL_CHANNELS,
  'app.heartbeat',
]);
