import { lstat } from 'node:fs/promises';

/** A refusal of the local channel: a stable code and one sentence for the operator. */
export class ChannelError extends Error {
  /** Creates a refusal with its code. */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** What an entry of the channel must be. */
export type EntryKind = 'folder' | 'socket' | 'file';

function describeMode(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

/**
 * Checks that the folder, socket or secret file is ours alone: the right kind (never a symlink),
 * owned by `uid`, and with no group or other permission bits. `uid` null (Windows) checks the kind
 * only; there the pipe's per-user name and the launch secret carry the check.
 */
export async function assertPrivate(entry: string, kind: EntryKind, uid: number | null): Promise<void> {
  let stat;
  try {
    stat = await lstat(entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ChannelError('channel.absent', `${entry} does not exist`);
    throw new ChannelError('channel.unreadable', `${entry} cannot be inspected (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const rightKind = kind === 'folder' ? stat.isDirectory() : kind === 'socket' ? stat.isSocket() : stat.isFile();
  if (!rightKind || stat.isSymbolicLink()) throw new ChannelError('channel.wrong_kind', `${entry} is not a ${kind} (a symlink or another kind of file); refusing to use it`);
  if (uid === null) return;
  if (stat.uid !== uid) throw new ChannelError('channel.foreign_owner', `${entry} is owned by uid ${stat.uid}, not by you (uid ${uid}); refusing to use it`);
  if ((stat.mode & 0o077) !== 0) throw new ChannelError('channel.loose_mode', `${entry} has mode ${describeMode(stat.mode)}; it must be ${kind === 'folder' ? '0700' : '0600'} (owner only)`);
}
