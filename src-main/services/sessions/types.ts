import type { z } from 'zod';
import type { SessionInfo, SshExit, TunnelInfo } from '../../ipc/contract/ssh';

/** A session as the renderer may see it. */
export type SessionInfoValue = z.output<typeof SessionInfo>;
/** A tunnel as the renderer may see it. */
export type TunnelInfoValue = z.output<typeof TunnelInfo>;
/** A shell's end. */
export type SessionExit = z.output<typeof SshExit>;
