/** Opens an allow-listed https link in the operator's browser. Reviewed Electron glue. */
import { shell } from 'electron';
import { checkExternalLink } from '../security/external-links';

/** Validates `url` against the allow-list, then hands it to the OS; throws on a refused link. */
export async function openExternalChecked(url: string, allowedHosts: readonly string[]): Promise<void> {
  const verdict = checkExternalLink(url, allowedHosts);
  if (!verdict.ok) throw new Error(`refused to open link: ${verdict.reason}`);
  await shell.openExternal(verdict.url, { activate: true });
}
