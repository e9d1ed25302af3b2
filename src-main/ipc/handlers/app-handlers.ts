import type { IpcRouter } from '../router';
import type { SettingsService } from '../../services/settings/settings-service';
import { checkExternalLink } from '../../security/external-links';
import { AppError } from '../../services/errors/app-error';
import type { z } from 'zod';
import type { AppInfo } from '../contract/app';

/** What the shell's handlers need. */
export interface AppHandlerDeps {
  readonly info: z.output<typeof AppInfo>;
  readonly settings: SettingsService;
  readonly externalLinkHosts: readonly string[];
  /** Hosts a link never opens (the Entra sign-in hosts, see `signInHostsFor`). */
  readonly signInHosts: readonly string[];
  /** Hands a checked https URL to the OS browser. */
  readonly openExternal: (url: string) => Promise<void>;
}

/** Registers the shell's invokes and forwards settings changes as events. Returns a disposer. */
export function registerAppHandlers(router: IpcRouter, deps: AppHandlerDeps): () => void {
  router.handle('app.info', () => deps.info);
  router.handle('settings.get', () => deps.settings.get());
  router.handle('settings.update', (patch) => deps.settings.update(patch));
  router.handle('links.open', async ({ url }) => {
    const verdict = checkExternalLink(url, deps.externalLinkHosts, deps.signInHosts);
    if (!verdict.ok) throw new AppError('links.refused', `The console does not open this link: ${verdict.reason}.`);
    await deps.openExternal(verdict.url);
    return { opened: true };
  });
  return deps.settings.onDidChange((value) => router.emit('settings.changed', value));
}
