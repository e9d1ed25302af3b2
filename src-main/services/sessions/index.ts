/** Terminal sessions and tunnels; the session manager's access guard is the part siblings implement. */
export type { AccessGuard, OpenRequest } from './session-manager';
