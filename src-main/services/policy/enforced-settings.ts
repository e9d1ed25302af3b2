import type { z } from 'zod';
import type { SettingsPatch } from '../../ipc/contract/app';
import { AppError } from '../errors';
import { SettingsService, type SettingsValue } from '../settings';
import type { JsonFile } from '../storage';

/** Settings with policy on top: enforced values always win, and changing them is refused. */
export class EnforcedSettingsService extends SettingsService {
  /** Creates the service over the settings file and the values policy fixes. */
  constructor(
    file: JsonFile<SettingsValue>,
    private readonly enforced: () => Partial<SettingsValue>,
  ) {
    super(file);
  }

  override async get(): Promise<SettingsValue> {
    return { ...(await super.get()), ...this.enforced() };
  }

  override async update(patch: z.output<typeof SettingsPatch>): Promise<SettingsValue> {
    const fixed = this.enforced();
    const blocked = (Object.keys(fixed) as Array<keyof SettingsValue>).filter((k) => patch[k] !== undefined && patch[k] !== fixed[k]);
    if (blocked.length > 0) throw new AppError('policy.enforced', `Your organisation's policy sets ${blocked.join(' and ')}; it cannot be changed here.`);
    return { ...(await super.update(patch)), ...fixed };
  }

  /** Subscribes to changes, with the enforced values on top; returns the disposer. */
  override onDidChange(listener: (value: SettingsValue) => void): () => void {
    return super.onDidChange((value) => listener({ ...value, ...this.enforced() }));
  }
}
