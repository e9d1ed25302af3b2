import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3, the subset every unzip reads): flat entries, deflate or
 * stored, UTF-8 names, no ZIP64, no encryption, no extra fields. Command invoke attaches at most 20
 * files and 2 MiB, so this subset is all `context` needs, and the signed app gains no dependency.
 */

/** One file to put in the archive. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const VERSION_NEEDED = 20;
/** "Made by" UNIX (3) so the external attributes carry a mode: regular file, rw-r--r--. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
const UNIX_REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const STORED = 0;
const DEFLATED = 8;
const MAX_UINT16 = 0xffff;
const MAX_UINT32 = 0xffffffff;

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getFullYear(), 1980), 2107);
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

/** What a local header and its central directory entry both carry. */
interface SharedFields {
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly nameLength: number;
}

/** Writes the 24 bytes both headers share, in the same order: version needed to file name length. */
function writeSharedFields(header: Buffer, at: number, f: SharedFields): void {
  header.writeUInt16LE(VERSION_NEEDED, at);
  header.writeUInt16LE(UTF8_NAMES, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt16LE(f.time, at + 6);
  header.writeUInt16LE(f.date, at + 8);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressedSize, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.nameLength, at + 22);
}

/** Builds a ZIP archive in memory; each entry is deflated unless that would not make it smaller. */
export function buildZip(entries: readonly ZipEntry[], modified: Date = new Date()): Buffer {
  if (entries.length > MAX_UINT16) throw new RangeError('too many entries for a ZIP without ZIP64');
  const { time, date } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length === 0 || name.length > MAX_UINT16) throw new RangeError('a ZIP entry name must be 1 to 65535 bytes');
    const deflated = deflateRawSync(entry.data);
    const method = deflated.length < entry.data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const crc = crc32(entry.data) >>> 0;
    if (entry.data.length > MAX_UINT32 || offset > MAX_UINT32) throw new RangeError('ZIP entry too large without ZIP64');

    const fields: SharedFields = { method, time, date, crc, compressedSize: body.length, size: entry.data.length, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    writeSharedFields(local, 4, fields);
    // extra field length: zero
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    writeSharedFields(central, 6, fields);
    // extra length, comment length, disk number start, internal attributes: all zero
    central.writeUInt32LE(UNIX_REGULAR_FILE_0644, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
