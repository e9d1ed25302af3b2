/** Public face of the settings feature. */
export { SettingsScreen } from './settings-screen';
export { useSettings, type SettingsValue } from './use-settings';
