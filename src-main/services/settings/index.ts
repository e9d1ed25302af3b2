/** The operator's settings file. */
export { SettingsService, type SettingsValue } from './settings-service';
