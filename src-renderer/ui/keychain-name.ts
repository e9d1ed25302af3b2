import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Emitter } from '../../src-main/services/events/emitter';

/** Which keychain the OS has, named as the OS names it (`generic` until main has said which OS this is). */
export type KeychainKind = 'windows' | 'macos' | 'secret-service' | 'generic';

/** The keychain of a Node `process.platform` value (as `app.info` reports it). */
export function keychainKind(platform: string | undefined): KeychainKind {
  if (platform === undefined || platform === '') return 'generic';
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'secret-service';
}

let current: KeychainKind = 'generic';
const changes = new Emitter<[]>();

/** Records the console's platform (from `app.info`) so every keychain mention names the OS's own store. */
export function setKeychainPlatform(platform: string | undefined): void {
  const next = keychainKind(platform);
  if (next === current) return;
  current = next;
  changes.fire();
}

/** The i18n options that word `kind` via the one key `keychain.name` (context: the kind). */
export function keychainNameOptions(kind: KeychainKind): { context?: string } {
  return kind === 'generic' ? {} : { context: kind };
}

/** The keychain's name in the operator's language ("Windows Credential Manager", "macOS のキーチェーン"…). */
export function useKeychainName(): string {
  const { t } = useTranslation();
  const kind = useSyncExternalStore(changes.event, () => current);
  return t('keychain.name', keychainNameOptions(kind));
}
