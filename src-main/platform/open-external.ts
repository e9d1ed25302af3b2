/** Opens an allow-listed https link in the operator's browser. Reviewed Electron glue. */
import { shell } from 'electron';
import { checkExternalLink, SIGN_IN_HOSTS } from '../security/external-links';

/**
 * Validates `url` against the allow-list and the sign-in hosts links never open, then hands it to
 * the OS; throws on a refused link. Only the sign-in flow itself passes no sign-in hosts.
 */
export async function openExternalChecked(url: string, allowedHosts: readonly string[], signInHosts: readonly string[] = SIGN_IN_HOSTS): Promise<void> {
  const verdict = checkExternalLink(url, allowedHosts, signInHosts);
  if (!verdict.ok) throw new Error(`refused to open link: ${verdict.reason}`);
  await shell.openExternal(verdict.url, { activate: true });
}
