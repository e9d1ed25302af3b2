import { createHash, randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readFile, rm, chmod } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { AuditRecorder } from '../audit';
import { AppError, isAppError } from '../errors';
import { assertLocalPath } from './safe-path';
import { replaceFile, decodeText } from '../storage';

/** A change to one of the operator's files, shown before it is made. */
export interface FileChangePreviewValue {
  readonly previewId: string;
  readonly path: string;
  readonly exists: boolean;
  readonly diff: string;
  readonly backupPath?: string;
  readonly expiresAt: string;
}

interface Pending {
  readonly filePath: string;
  readonly before: string | undefined;
  readonly after: string;
  readonly backupPath: string | undefined;
  readonly expires: number;
  /** Runs after the file is written (e.g. a companion known_hosts file). */
  readonly alsoWrite?: () => Promise<void>;
}

/** How to compute the new content from the current one (undefined when the file does not exist). */
export type ContentPlan = (current: string | undefined) => string;

/** Masks credential values in a text before it is shown as a diff. */
export type DiffMask = (text: string) => string;

function sha(text: string | undefined): string {
  return createHash('sha256').update(text ?? '\u0000absent').digest('hex');
}

async function readIfPresent(filePath: string): Promise<string | undefined> {
  try {
    const stat = await lstat(filePath);
    if (!stat.isFile()) throw new AppError('files.not_a_file', `${filePath} exists but is not a regular file; choose another path.`, { params: { path: filePath } });
    return decodeText(await readFile(filePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes a new file owner-only and flushes it to the disk before it can replace anything. */
async function writeDurably(filePath: string, content: string): Promise<void> {
  const handle = await open(filePath, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A failed write as the operator should read it. */
function toWriteError(error: unknown, filePath: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('files.disk_full', `There is not enough disk space to write ${filePath}; it was left unchanged. Free some space and write again.`, { cause: error, params: { path: filePath } });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('files.not_writable', `${filePath} or its folder cannot be written (${code}); it was left unchanged.`, { cause: error, params: { path: filePath } });
  }
  return new AppError('files.write_failed', `Writing ${filePath} failed (${code ?? 'unknown error'}); it was left unchanged.`, { cause: error, params: { path: filePath } });
}

/**
 * Two-step writes to the operator's own files (kubeconfig, ssh_config): `preview` computes the new
 * content and a diff with secrets masked; `apply` re-reads the file, refuses if it changed since the
 * preview, copies it to a backup, and replaces it atomically with owner-only permissions.
 */
export class FileChangePlanner {
  private readonly pending = new Map<string, Pending & { beforeHash: string }>();

  /** Creates a planner; previews expire after `ttlMs`. */
  constructor(
    private readonly ttlMs = 10 * 60_000,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Prepares a change and returns what the operator will be shown. */
  async preview(filePath: string, plan: ContentPlan, mask: DiffMask, alsoWrite?: () => Promise<void>): Promise<FileChangePreviewValue> {
    assertLocalPath(filePath);
    const before = await readIfPresent(filePath);
    const after = plan(before);
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const backupPath = before === undefined ? undefined : `${filePath}.aks-console-${stamp}.bak`;
    const previewId = randomUUID();
    const expires = this.now().getTime() + this.ttlMs;
    this.sweep();
    this.pending.set(previewId, { filePath, before, after, backupPath, expires, alsoWrite, beforeHash: sha(before) });
    const name = path.basename(filePath);
    const diff = createTwoFilesPatch(before === undefined ? '/dev/null' : name, name, mask(before ?? ''), mask(after), '', '', { context: 3 });
    return { previewId, path: filePath, exists: before !== undefined, diff, backupPath, expiresAt: new Date(expires).toISOString() };
  }

  /** Makes a previewed change; returns where the file and its backup are. */
  async apply(previewId: string): Promise<{ path: string; backupPath?: string }> {
    this.sweep();
    const change = this.pending.get(previewId);
    if (!change) throw new AppError('files.preview_expired', 'This preview is unknown or has expired; prepare the change again.');
    this.pending.delete(previewId);
    const current = await readIfPresent(change.filePath);
    if (sha(current) !== change.beforeHash) {
      throw new AppError('files.changed_since_preview', `${change.filePath} changed after the preview was made; nothing was written. Prepare the change again.`, { params: { path: change.filePath } });
    }
    const temp = `${change.filePath}.${process.pid}.${randomUUID()}.tmp`;
    let backupStarted = false;
    try {
      await mkdir(path.dirname(change.filePath), { recursive: true, mode: 0o700 });
      if (change.backupPath) {
        backupStarted = true;
        await copyFile(change.filePath, change.backupPath);
        await chmod(change.backupPath, 0o600);
      }
      await writeDurably(temp, change.after);
      await replaceFile(temp, change.filePath);
    } catch (error) {
      // Nothing half-written stays behind, the file itself is untouched (the rename never happened),
      // and the preview is kept so the operator can free space and write again.
      await rm(temp, { force: true }).catch(() => undefined);
      if (backupStarted && change.backupPath) await rm(change.backupPath, { force: true }).catch(() => undefined);
      this.pending.set(previewId, change);
      throw toWriteError(error, change.filePath);
    }
    await change.alsoWrite?.();
    return change.backupPath ? { path: change.filePath, backupPath: change.backupPath } : { path: change.filePath };
  }

  /** The file a pending preview would write, or undefined when the preview is unknown or expired. */
  pathOf(previewId: string): string | undefined {
    return this.pending.get(previewId)?.filePath;
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, change] of this.pending) if (change.expires < now) this.pending.delete(id);
  }
}

/**
 * Applies a previewed change and records the outcome as `type`: the success with its backup, or the
 * refusal's code (changed since the preview, expired, disk full), so no write attempt escapes the audit.
 */
export async function applyAudited(
  files: FileChangePlanner,
  previewId: string,
  audit: AuditRecorder | undefined,
  type: 'kubeconfig.write' | 'sshconfig.write',
): Promise<{ path: string; backupPath?: string }> {
  const target = files.pathOf(previewId) ?? null;
  try {
    const result = await files.apply(previewId);
    void audit?.record({ type, outcome: 'success', target: result.path, details: { backupPath: result.backupPath ?? null } }).catch(() => undefined);
    return result;
  } catch (error) {
    void audit?.record({ type, outcome: 'failure', target, details: { error: isAppError(error) ? error.code : 'internal' } }).catch(() => undefined);
    throw error;
  }
}
