import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip } from '../../../../../src-main/services/azure/zip-writer';

const run = promisify(execFile);

/** Round trips through Info-ZIP's unzip (the machine's, not fflate's own reader alone) and fflate's reader. */
describe('buildZip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zip-writer-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const binary = randomBytes(70_000); // incompressible: stored
  const yaml = Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: walk\n'.repeat(200)); // compressible: deflated
  const entries = [
    { name: 'ns.yaml', data: yaml },
    { name: 'blob.bin', data: binary },
    { name: 'empty.txt', data: Buffer.alloc(0) },
    { name: '設定 values.yaml', data: Buffer.from('replicas: 2\n') },
  ];

  async function written(name: string): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, buildZip(entries, new Date(2026, 10, 29, 10, 30, 0)));
    return file;
  }

  it('is read by unzip: every CRC checks, names (UTF-8 too), sizes and contents come back', async () => {
    const file = await written('a.zip');
    const test = await run('unzip', ['-t', file]);
    expect(test.stdout).toContain('No errors detected');
    const listing = await run('unzip', ['-Z', file]);
    expect(listing.stdout).toMatch(new RegExp(`-rw-r--r--.*\\b${yaml.length}\\b.*defN.*ns\\.yaml`));
    expect(listing.stdout).toMatch(/-rw-r--r--.*\b70000\b.*stor.*blob\.bin/);
    expect(listing.stdout).toContain('設定 values.yaml');
    for (const entry of entries) {
      const out = await run('unzip', ['-p', file, entry.name], { encoding: 'buffer', maxBuffer: 1 << 20 });
      expect(Buffer.compare(out.stdout, entry.data)).toBe(0);
    }
  });

  it('is read by fflate with the same entries and bytes', async () => {
    const files = unzipSync(buildZip(entries));
    expect(Object.keys(files).sort()).toEqual(entries.map((e) => e.name).sort());
    for (const entry of entries) expect(Buffer.compare(Buffer.from(files[entry.name]!), entry.data)).toBe(0);
  });

  it('takes a file named like an object property as a file, and refuses two entries with one name', async () => {
    // Read by unzip: fflate's own reader returns an object, where `__proto__` cannot be a key.
    const file = path.join(dir, 'c.zip');
    await writeFile(file, buildZip([{ name: '__proto__', data: Buffer.from('x') }, { name: 'constructor', data: Buffer.from('y') }]));
    expect((await run('unzip', ['-Z1', file])).stdout.split('\n').filter(Boolean).sort()).toEqual(['__proto__', 'constructor']);
    expect((await run('unzip', ['-p', file, '__proto__'])).stdout).toBe('x');
    expect(() => buildZip([{ name: 'a', data: Buffer.from('1') }, { name: 'a', data: Buffer.from('2') }])).toThrow(/two ZIP entries/);
  });

  it('keeps the modification time it is given (to the two seconds DOS time allows)', async () => {
    const file = await written('b.zip');
    const listing = await run('unzip', ['-l', file]);
    expect(listing.stdout).toMatch(/2026-11-29 10:30|11-29-2026 10:30/);
  });
});
