import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile } from '../../../../../src-main/services/storage/json-file';

describe('JsonFile', () => {
  it('reads settings saved with a BOM or as UTF-16 (edited in Notepad or PowerShell) instead of silently resetting them', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'json-')), 'settings.json');
    const store = new JsonFile(file, z.object({ language: z.string() }), () => ({ language: 'en' }));
    for (const bytes of [Buffer.from('\uFEFF{"language":"ja"}'), Buffer.from('\uFEFF{"language":"ja"}', 'utf16le')]) {
      writeFileSync(file, bytes);
      expect(await store.read()).toEqual({ value: { language: 'ja' } });
    }
  });
});
