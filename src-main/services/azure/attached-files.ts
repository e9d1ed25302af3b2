import { createHash } from 'node:crypto';
import { MAX_ATTACHED_BYTES, MAX_ATTACHED_FILES } from '../../ipc/contract/azure';
import { AppError } from '../errors';
import { buildZip } from './zip-writer';

/** A file the operator attached to a command invoke, as it crosses IPC. */
export interface AttachedFileInput {
  readonly name: string;
  readonly contentBase64: string;
}

/** What the audit log keeps of an attached file: never its contents. */
export interface AttachedFileFacts {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Names ARM's command pod could not take as a plain file in its working directory. */
const PLAIN_NAME = /^(?!\.{1,2}$)[^/\\\x00-\x1f:*?"<>|]{1,255}$/;

function decodeStrict(file: AttachedFileInput): Buffer {
  const data = Buffer.from(file.contentBase64, 'base64');
  // Buffer.from skips what it cannot read; a round trip proves the text was whole, canonical base64.
  if (data.toString('base64') !== file.contentBase64) {
    throw new AppError('azure.attached_file_invalid', `The attached file ${file.name} could not be read (its contents are not valid base64).`, { params: { name: file.name } });
  }
  return data;
}

/** Decodes and checks attached files: plain names, unique ignoring case, at most 20 files and 2 MiB in total. */
export function decodeAttachedFiles(files: readonly AttachedFileInput[]): Array<{ name: string; data: Buffer }> {
  if (files.length > MAX_ATTACHED_FILES) {
    throw new AppError('azure.attached_files_too_many', `${files.length} files are attached; command invoke takes at most ${MAX_ATTACHED_FILES}.`, { params: { count: String(files.length), max: String(MAX_ATTACHED_FILES) } });
  }
  const seen = new Set<string>();
  let total = 0;
  const decoded: Array<{ name: string; data: Buffer }> = [];
  for (const file of files) {
    if (!PLAIN_NAME.test(file.name)) {
      throw new AppError('azure.attached_file_invalid', 'An attached file name must be a plain file name, without folders or control characters.', { params: { name: file.name.slice(0, 80) } });
    }
    const key = file.name.normalize('NFC').toLowerCase();
    if (seen.has(key)) throw new AppError('azure.attached_file_duplicate', `Two attached files are named ${file.name}; names must differ (ignoring case).`, { params: { name: file.name } });
    seen.add(key);
    const data = decodeStrict(file);
    total += data.length;
    if (total > MAX_ATTACHED_BYTES) {
      throw new AppError('azure.attached_files_too_large', `The attached files exceed ${MAX_ATTACHED_BYTES / (1024 * 1024)} MiB in total; command invoke takes at most that much.`, { params: { max: String(MAX_ATTACHED_BYTES / (1024 * 1024)) } });
    }
    decoded.push({ name: file.name, data });
  }
  return decoded;
}

/** The `context` of a RunCommandRequest: base64 of a zip of the files, or '' when there are none. */
export function commandContext(files: readonly AttachedFileInput[], modified: Date = new Date()): string {
  const decoded = decodeAttachedFiles(files);
  return decoded.length === 0 ? '' : buildZip(decoded, modified).toString('base64');
}

/** Name, decoded size and SHA-256 of each file, for the audit log (whatever the files' validity). */
export function attachedFileFacts(files: readonly AttachedFileInput[]): AttachedFileFacts[] {
  return files.map((file) => {
    const data = Buffer.from(file.contentBase64, 'base64');
    return { name: file.name, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
  });
}
