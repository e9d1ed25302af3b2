import type { z } from 'zod';
import { Settings, type SettingsPatch } from '../../ipc/contract/app';
import type { JsonFile } from '../storage';
import { type Disposable, Emitter } from '../events';

/** The operator's settings. */
export type SettingsValue = z.output<typeof Settings>;

/** Defaults for a first start: the OS language when we ship it, else English. */
export function defaultSettings(osLocale: string): SettingsValue {
  return { language: osLocale.toLowerCase().startsWith('ja') ? 'ja' : 'en', theme: 'system' };
}

/** Reads and updates the operator's settings, and tells listeners when they change. */
export class SettingsService {
  private current: SettingsValue | undefined;
  private readonly changes = new Emitter<[value: SettingsValue]>();

  /** Creates the service over its file. */
  constructor(private readonly file: JsonFile<SettingsValue>) {}

  /** The settings in force. */
  async get(): Promise<SettingsValue> {
    if (!this.current) this.current = (await this.file.read()).value;
    return this.current;
  }

  /** Applies a patch, persists it, and notifies listeners; returns the new settings. */
  async update(patch: z.output<typeof SettingsPatch>): Promise<SettingsValue> {
    const next = Settings.parse({ ...(await this.get()), ...stripUndefined(patch) });
    await this.file.write(next);
    this.current = next;
    this.changes.fire(next);
    return next;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onDidChange(listener: (value: SettingsValue) => void): Disposable {
    return this.changes.event(listener);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
