import { deflateSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * The `context` archive of command invoke, written by fflate (PKWARE APPNOTE, the subset every
 * unzip reads): flat entries, UTF-8 names, Unix mode rw-r--r--. Command invoke attaches at most 20
 * files and 2 MiB (attached-files.ts enforces that before anything is zipped).
 */

/** One file to put in the archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

/** "Made by" Unix, so unzip shows the mode the external attributes carry. */
const UNIX = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const MAX_UINT16 = 0xffff;
const DEFLATE_LEVEL = 6;
/** A sample this large tells compressible text from already-compressed or random bytes. */
const SAMPLE_BYTES = 4096;

/** Whether deflating pays: a sample that deflate does not shrink is stored as it is. */
function worthDeflating(data: Uint8Array): boolean {
  if (data.length === 0) return false;
  const sample = data.subarray(0, SAMPLE_BYTES);
  return deflateSync(sample, { level: DEFLATE_LEVEL }).length < sample.length;
}

/** Builds a ZIP archive in memory; each entry is deflated unless that would not make it smaller. */
export function buildZip(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  if (entries.length > MAX_UINT16) throw new RangeError('too many entries for a ZIP without ZIP64');
  const names = new Set<string>();
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's streaming writer takes each name as a string (zipSync's object would read `__proto__`
  // as a prototype); with its synchronous file classes every callback has run when `end` returns.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const entry of entries) {
    const bytes = Buffer.byteLength(entry.name, 'utf8');
    if (bytes === 0 || bytes > MAX_UINT16) throw new RangeError('a ZIP entry name must be 1 to 65535 bytes');
    if (names.has(entry.name)) throw new RangeError(`two ZIP entries are named ${entry.name}`);
    names.add(entry.name);
    const file = worthDeflating(entry.data) ? new ZipDeflate(entry.name, { level: DEFLATE_LEVEL }) : new ZipPassThrough(entry.name);
    Object.assign(file, { mtime: modified, os: UNIX, attrs: REGULAR_FILE_0644 });
    zip.add(file);
    file.push(entry.data, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
