import { mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileChangePlanner } from '../../../../../src-main/services/files/file-change';

describe('FileChangePlanner', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fcp-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('previews a masked diff, then writes with a backup and owner-only permissions', async () => {
    const file = path.join(dir, 'config');
    await writeFile(file, 'a: 1\nsecret: old\n');
    const planner = new FileChangePlanner();
    const preview = await planner.preview(file, (current) => `${current}b: 2\nsecret: new\n`, (t) => t.replace(/secret: .*/g, 'secret: <hidden>'));
    expect(preview.exists).toBe(true);
    expect(preview.diff).toContain('+b: 2');
    expect(preview.diff).not.toMatch(/old|new\n/);
    expect(await readFile(file, 'utf8')).toBe('a: 1\nsecret: old\n');
    const result = await planner.apply(preview.previewId);
    expect(result.backupPath).toBe(preview.backupPath);
    expect(await readFile(result.backupPath!, 'utf8')).toBe('a: 1\nsecret: old\n');
    expect(await readFile(file, 'utf8')).toBe('a: 1\nsecret: old\nb: 2\nsecret: new\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(planner.apply(preview.previewId)).rejects.toMatchObject({ code: 'files.preview_expired' });
  });

  it('reads a file saved by Windows tools (BOM, UTF-16 from PowerShell) as its text, and writes UTF-8', async () => {
    const text = 'Host old\r\n  HostName 10.0.0.1\r\n';
    for (const bytes of [Buffer.from(`\uFEFF${text}`), Buffer.from(`\uFEFF${text}`, 'utf16le')]) {
      const file = path.join(dir, 'ssh_config');
      await writeFile(file, bytes);
      const seen: Array<string | undefined> = [];
      const planner = new FileChangePlanner();
      const preview = await planner.preview(file, (current) => (seen.push(current), `${current ?? ''}Host new\r\n`), (t) => t);
      expect(seen).toEqual([text]);
      await planner.apply(preview.previewId);
      expect(await readFile(file, 'utf8')).toBe(`${text}Host new\r\n`);
    }
  });

  it('refuses to write when the file changed after the preview, and changes nothing', async () => {
    const file = path.join(dir, 'config');
    await writeFile(file, 'one\n');
    const planner = new FileChangePlanner();
    const preview = await planner.preview(file, () => 'two\n', (t) => t);
    await writeFile(file, 'edited elsewhere\n');
    await expect(planner.apply(preview.previewId)).rejects.toMatchObject({ code: 'files.changed_since_preview' });
    expect(await readFile(file, 'utf8')).toBe('edited elsewhere\n');
    expect(await readdir(dir)).toEqual(['config']);
  });

  it('creates a missing file (and its folder) without a backup; refuses a directory', async () => {
    const file = path.join(dir, 'new', 'kubeconfig');
    const planner = new FileChangePlanner();
    const preview = await planner.preview(file, () => 'x\n', (t) => t);
    expect(preview.exists).toBe(false);
    expect(preview.backupPath).toBeUndefined();
    await planner.apply(preview.previewId);
    expect(await readFile(file, 'utf8')).toBe('x\n');
    await expect(planner.preview(dir, () => 'x', (t) => t)).rejects.toMatchObject({ code: 'files.not_a_file' });
  });

  it('expires previews', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const planner = new FileChangePlanner(1000, () => new Date(now));
    const preview = await planner.preview(path.join(dir, 'f'), () => 'x', (t) => t);
    now += 2000;
    await expect(planner.apply(preview.previewId)).rejects.toMatchObject({ code: 'files.preview_expired' });
  });
});
