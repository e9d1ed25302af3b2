import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Settings } from '../../../../../src-main/ipc/contract/app';
import { defaultSettings, SettingsService, type SettingsValue } from '../../../../../src-main/services/settings/settings-service';
import { JsonFile } from '../../../../../src-main/services/storage/json-file';

describe('SettingsService over a JSON file', () => {
  let dir: string;
  let file: string;
  const make = (locale = 'en-US') => new SettingsService(new JsonFile<SettingsValue>(file, Settings, () => defaultSettings(locale)));
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'aksc-settings-'));
    file = path.join(dir, 'settings.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('defaults to the OS language when shipped, else English', async () => {
    expect(await make('ja-JP').get()).toEqual({ language: 'ja', theme: 'system' });
    expect(await make('de-DE').get()).toEqual({ language: 'en', theme: 'system' });
  });

  it('persists a patch, notifies listeners, and a new instance reads it back', async () => {
    const service = make();
    const seen: SettingsValue[] = [];
    service.onDidChange((v) => seen.push(v));
    await service.update({ theme: 'dark', language: undefined });
    expect(seen).toEqual([{ language: 'en', theme: 'dark' }]);
    expect(await make().get()).toEqual({ language: 'en', theme: 'dark' });
    expect((await readFile(file, 'utf8')).trim().startsWith('{')).toBe(true);
  });

  it('falls back to defaults (and says why) when the file is corrupt', async () => {
    await writeFile(file, '{"language":"xx"');
    const read = await new JsonFile<SettingsValue>(file, Settings, () => defaultSettings('en')).read();
    expect(read.value).toEqual({ language: 'en', theme: 'system' });
    expect(read.problem).toMatch(/not JSON/);
  });
});
