import type { ClientChannel } from 'ssh2';

/** How a command or shell channel ended: the exit status, or the signal that ended it (neither when the server sent none). */
export interface ChannelExit {
  readonly exitCode?: number;
  readonly signal?: string;
}

/**
 * Calls `listener` once the channel has closed, with how its command ended. The exit status is taken
 * from the `close` event, which ssh2 passes it to as well: its `exit` event fires as the packet is
 * parsed, so when the command's start, output, exit status and close arrive in one read (a relay that
 * gathers packets, as Bastion's websocket hop can), it fired before a listener attached after
 * `await exec(...)` could hear it, and the status was lost.
 */
export function onChannelClosed(channel: ClientChannel, listener: (exit: ChannelExit) => void): void {
  channel.on('close', (code?: number | null, signal?: string) => listener({ ...(typeof code === 'number' ? { exitCode: code } : {}), ...(signal ? { signal } : {}) }));
}
