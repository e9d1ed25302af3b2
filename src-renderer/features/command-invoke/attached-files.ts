/**
 * Files attached to a command invoke (`az aks command invoke --file`), checked here before sending
 * so the operator sees every problem at once; main checks again, and its answer is the last word.
 */

/** Most files one command invoke may attach (the contract's MAX_ATTACHED_FILES; the renderer may import it as a type only). */
export const MAX_FILES = 20;

/** Largest total size of the attached files, in bytes (the contract's MAX_ATTACHED_BYTES). */
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024;

/** One attached file as the console holds it until the run: content only when it was small enough to read. */
export interface AttachedFile {
  readonly name: string;
  readonly size: number;
  readonly contentBase64: string | null;
}

/** A reason the attached files cannot be sent as they are. */
export type AttachmentProblem =
  | { readonly kind: 'too-many'; readonly count: number }
  | { readonly kind: 'too-large'; readonly total: number }
  | { readonly kind: 'duplicate'; readonly name: string }
  | { readonly kind: 'bad-name'; readonly name: string };

/** The names the contract accepts: a plain file name, no folders, no control or reserved characters. */
const PLAIN_NAME = /^(?!\.{1,2}$)[^/\\\x00-\x1f:*?"<>|]{1,255}$/;

/** Total size of the files in bytes. */
export function totalBytes(files: readonly AttachedFile[]): number {
  return files.reduce((sum, f) => sum + f.size, 0);
}

/** Every problem with the attached files, in a stable order (count, size, then per name). */
export function attachmentProblems(files: readonly AttachedFile[]): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  if (files.length > MAX_FILES) problems.push({ kind: 'too-many', count: files.length });
  const total = totalBytes(files);
  if (total > MAX_TOTAL_BYTES) problems.push({ kind: 'too-large', total });
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const file of files) {
    if (!PLAIN_NAME.test(file.name)) problems.push({ kind: 'bad-name', name: file.name });
    const key = file.name.normalize('NFC').toLowerCase();
    if (seen.has(key) && !reported.has(key)) {
      problems.push({ kind: 'duplicate', name: file.name });
      reported.add(key);
    }
    seen.add(key);
  }
  return problems;
}

/** Base64 of bytes, in chunks so a 2 MiB file does not overflow the argument list of fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Reads a picked file; one larger than the whole allowance is not read at all (it cannot be sent). */
export async function readAttachedFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<AttachedFile> {
  if (file.size > MAX_TOTAL_BYTES) return { name: file.name, size: file.size, contentBase64: null };
  return { name: file.name, size: file.size, contentBase64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

/** A size for people: B, KiB or MiB (binary multiples, as the limit is stated). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}
