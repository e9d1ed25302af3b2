/**
 * Decodes a text file as Windows tools write it: UTF-8 with or without BOM (Notepad), UTF-16 LE or
 * BE with BOM (PowerShell 5's `Out-File` and `>`). Line endings are left as they are.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
